import { Resvg } from '@resvg/resvg-js'
import { CHART_FONT } from './chart.ts'

/**
 * Renders the chart's SVG to PNG at twice its size (crisp when pasted into a slide). Text needs
 * a system font: without one resvg silently drops it, so the caller also ships the SVG.
 */
export function svgToPng(svg: string, width = 1920): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: width },
    font: { loadSystemFonts: true, defaultFontFamily: CHART_FONT },
  })
  return resvg.render().asPng()
}
