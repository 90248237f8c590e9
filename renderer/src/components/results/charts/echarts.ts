/**
 * ECharts, only the parts the result charts use (bar series on a grid, with decal fill patterns, drawn
 * by the SVG renderer), registered once so the bundler leaves the rest of the library out. Loaded with the charts
 * chunk, never on the first screen.
 */
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import { GridComponent, type GridComponentOption } from 'echarts/components';
import { init, use, type ComposeOption, type EChartsType } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

use([BarChart, GridComponent, SVGRenderer]);

export type ChartOption = ComposeOption<BarSeriesOption | GridComponentOption>;
export type { BarSeriesOption, EChartsType };
export { init };
