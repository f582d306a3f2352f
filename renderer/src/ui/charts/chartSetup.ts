import {
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  Tooltip,
} from 'chart.js';
import zoomPlugin from 'chartjs-plugin-zoom';

/**
 * The parts of Chart.js the metric charts use (registered once; the rest is left out of the bundle),
 * and chartjs-plugin-zoom (drag a box or turn the wheel to zoom, `resetZoom()` to go back).
 */
Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Tooltip, Legend, zoomPlugin);

export { Chart };
