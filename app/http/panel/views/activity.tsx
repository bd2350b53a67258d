import type { OrderSummary } from '../../../core/customers/types.ts'
import type { OpenTicket } from '../../../core/panel/open-tickets.ts'
import { day, groupThousands } from './format.ts'

export function RecentOrders({ orders, total }: { orders: OrderSummary[]; total: number }) {
  return (
    <>
      <h3>
        Recent orders <span class="muted">({total} in all)</span>
      </h3>
      {orders.length === 0 ? (
        <p class="note">No orders.</p>
      ) : (
        <ul class="rows">
          {orders.map((order) => (
            <li>
              <span>{order.order_number}</span>
              <span>{order.status}</span>
              <span>
                {groupThousands(order.total_amount)} {order.currency}
              </span>
              <span class="muted">{day(order.ordered_at)}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

/** `count` is the 360's (this ticket included); the list shows the others. */
export function OpenTickets({ tickets, count }: { tickets: OpenTicket[]; count: number }) {
  return (
    <>
      <h3>
        Open tickets <span class="muted">({count})</span>
      </h3>
      {tickets.length === 0 ? (
        <p class="note">No other open tickets.</p>
      ) : (
        <ul class="rows">
          {tickets.map((ticket) => (
            <li>
              <span>{ticket.subject}</span>
              <span class="muted">
                {ticket.source}:{ticket.external_ticket_id} · {day(ticket.received_at)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
