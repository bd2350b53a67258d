/** A response body for assertions; tests check its shape field by field or with the zod schema. */
// biome-ignore lint/suspicious/noExplicitAny: assertions navigate arbitrary JSON
export type Json = any

export const readJson = (response: Response): Promise<Json> => response.json() as Promise<Json>
