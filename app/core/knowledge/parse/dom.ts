import { ElementType, type parseDocument } from 'htmlparser2'

export type DomNode = ReturnType<typeof parseDocument>['children'][number]
export type DomElement = Extract<DomNode, { attribs: Record<string, string> }>
export type DomText = Extract<DomNode, { type: typeof ElementType.Text }>

export const isText = (node: DomNode): node is DomText => node.type === ElementType.Text

/** Ordinary elements; <script> and <style> have types of their own and never match. */
export const isElement = (node: DomNode): node is DomElement => node.type === ElementType.Tag
