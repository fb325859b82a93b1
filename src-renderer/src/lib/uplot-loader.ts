/**
 * uPlot and its stylesheet, imported only by the History view through a dynamic import so that the
 * overview paints without waiting for the chart library.
 *
 * uPlot rather than a larger library: about 20 KB gzipped, canvas-drawn (tens of thousands of points
 * without DOM cost), time axes built in, and it writes styles through the CSSOM, which the strict
 * CSP (style-src 'self') allows.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export default uPlot;
