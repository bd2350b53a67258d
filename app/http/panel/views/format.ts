/** "12345.60" -> "12,345.60", on the string: money never passes through a float. */
export function groupThousands(decimal: string): string {
  const [whole = '0', fraction] = decimal.split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return fraction === undefined ? grouped : `${grouped}.${fraction}`
}

/** Calendar date, locale-free: the panel sits in helpdesks of every locale. */
export const day = (value: string | Date) => new Date(value).toISOString().slice(0, 10)

/** -0.607 -> "−0.61", 0.4 -> "+0.40": a sign that reads at a glance. */
export const signed = (value: number) => `${value < 0 ? '−' : '+'}${Math.abs(value).toFixed(2)}`

export const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)
