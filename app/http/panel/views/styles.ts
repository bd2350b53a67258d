/**
 * The panel's whole stylesheet, inlined under the CSP nonce. Built for a 320 px sidebar: no
 * fixed widths, long words wrap. Colours keep 4.5:1 or more against their background.
 */
export const STYLES = `
*{box-sizing:border-box}
body{margin:0;padding:12px;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;background:#fff;overflow-wrap:anywhere}
h1{font-size:16px;margin:0 0 4px}
h2{font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:#4d5560;margin:18px 0 6px}
h3{font-size:14px;margin:0 0 4px}
p,ul,dl,figure{margin:0 0 8px}
ul{padding-left:18px}
.muted,.note,dt,.source,figcaption{color:#4d5560}
.source,figcaption,.eyebrow{font-size:12px}
.eyebrow{margin:0 0 2px;color:#4d5560}
.card{border:1px solid #d0d7de;border-radius:6px;padding:10px;margin:0 0 10px}
.notice{border-left:4px solid #9a6700;background:#fff8e5;padding:8px 10px}
.notice.info{border-color:#0b57d0;background:#eef4ff}
.notice.error{border-color:#b42318;background:#fdecea}
.badges{display:flex;flex-wrap:wrap;gap:6px;list-style:none;padding:0}
.badge{display:inline-block;border-radius:999px;padding:2px 8px;font-size:12px;font-weight:600}
.hv{background:#e8efff;color:#1d3f8f}
.risk-high{background:#fdecea;color:#8a1c1c}
.risk-medium{background:#fff4d6;color:#6b4a00}
.risk-low{background:#e6f4ea;color:#1e5a2e}
.reasons{font-size:13px}
dl.facts{display:grid;grid-template-columns:auto 1fr;gap:2px 10px}
dd{margin:0}
.rows{list-style:none;padding:0}
.rows li{display:flex;flex-wrap:wrap;gap:2px 10px;padding:4px 0;border-bottom:1px solid #eaeef2}
mark{background:#fff1a8;color:inherit;padding:0 1px}
.passage{white-space:pre-line}
.actions{display:flex;flex-wrap:wrap;gap:6px;border:0;margin:0 0 6px;padding:0;min-width:0}
button{font:inherit;font-size:13px;min-height:32px;padding:4px 10px;border:1px solid #4d5560;border-radius:6px;background:#fff;color:#1f2328;cursor:pointer}
button:hover{background:#f0f2f4}
button[aria-pressed=true]{background:#0b57d0;border-color:#0b57d0;color:#fff}
:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}
.chart{display:block;width:100%;height:auto}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`
