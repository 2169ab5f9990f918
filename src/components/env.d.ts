/// <reference types="astro/client" />
// Plain `tsc` does not know Astro components; Astro's compiler checks their props.
declare module '*.astro' {
  const Component: (props: Record<string, unknown>) => unknown;
  export default Component;
}
