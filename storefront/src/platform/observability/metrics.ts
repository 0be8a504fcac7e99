/**
 * A small Prometheus text-format (0.0.4) registry: counters, gauges and histograms with labels.
 * Per process, as Prometheus expects: it scrapes every instance and sums them itself.
 */

export type Labels = Record<string, string>

type Series = { labels: Labels; value: number }
type HistogramSeries = { buckets: number[]; count: number; labels: Labels; sum: number }

type Metric =
  | { help: string; kind: 'counter' | 'gauge'; name: string; series: Map<string, Series> }
  | { boundaries: readonly number[]; help: string; kind: 'histogram'; name: string; series: Map<string, HistogramSeries> }

const escapeLabel = (value: string): string => value.replaceAll('\\', '\\\\').replaceAll('\n', '\\n').replaceAll('"', '\\"')

const labelText = (labels: Labels, extra?: [string, string]): string => {
  const pairs = Object.entries(labels).sort(([a], [b]) => a.localeCompare(b))
  if (extra) pairs.push(extra)
  return pairs.length === 0 ? '' : `{${pairs.map(([name, value]) => `${name}="${escapeLabel(value)}"`).join(',')}}`
}

/**
 * Series keys of label objects seen before: a caller that passes the same object every time (the
 * route cache's hot path keeps one per cached page) pays for the sorting and joining once. A label
 * object is therefore never changed once it has been passed in.
 */
const keys = new WeakMap<Labels, string>()
const keyOf = (labels: Labels): string => {
  let key = keys.get(labels)
  if (key === undefined) {
    key = labelText(labels)
    keys.set(labels, key)
  }
  return key
}

const numberText = (value: number): string => (value === Number.POSITIVE_INFINITY ? '+Inf' : String(value))

export type Counter = { inc: (labels?: Labels, by?: number) => void; value: (labels?: Labels) => number }
export type Gauge = { dec: (labels?: Labels) => void; inc: (labels?: Labels) => void; set: (value: number, labels?: Labels) => void }
export type Histogram = { observe: (value: number, labels?: Labels) => void }

export type MetricsRegistry = {
  counter: (name: string, help: string) => Counter
  gauge: (name: string, help: string) => Gauge
  /** `boundaries` are the buckets' upper bounds, ascending (`+Inf` is added). */
  histogram: (name: string, help: string, boundaries: readonly number[]) => Histogram
  /** Every metric in the Prometheus text format. */
  render: () => string
}

export const createMetricsRegistry = (): MetricsRegistry => {
  const metrics = new Map<string, Metric>()
  const register = <M extends Metric>(metric: M): M => {
    if (metrics.has(metric.name)) throw new Error(`Metric ${metric.name} is registered twice`)
    metrics.set(metric.name, metric)
    return metric
  }

  const simple = (name: string, help: string, kind: 'counter' | 'gauge') => {
    const metric = register({ help, kind, name, series: new Map<string, Series>() })
    const seriesOf = (labels: Labels): Series => {
      const key = keyOf(labels)
      const found = metric.series.get(key)
      if (found) return found
      const created = { labels, value: 0 }
      metric.series.set(key, created)
      return created
    }
    return { metric, seriesOf }
  }

  return {
    counter: (name, help) => {
      const { seriesOf } = simple(name, help, 'counter')
      return {
        inc: (labels = {}, by = 1) => void (seriesOf(labels).value += by),
        value: (labels = {}) => seriesOf(labels).value,
      }
    },
    gauge: (name, help) => {
      const { seriesOf } = simple(name, help, 'gauge')
      return {
        dec: (labels = {}) => void (seriesOf(labels).value -= 1),
        inc: (labels = {}) => void (seriesOf(labels).value += 1),
        set: (value, labels = {}) => void (seriesOf(labels).value = value),
      }
    },
    histogram: (name, help, boundaries) => {
      const metric = register({ boundaries, help, kind: 'histogram', name, series: new Map<string, HistogramSeries>() })
      return {
        observe: (value, labels = {}) => {
          const key = keyOf(labels)
          const series = metric.series.get(key) ?? { buckets: boundaries.map(() => 0), count: 0, labels, sum: 0 }
          metric.series.set(key, series)
          boundaries.forEach((bound, index) => {
            if (value <= bound) series.buckets[index] = (series.buckets[index] ?? 0) + 1
          })
          series.count += 1
          series.sum += value
        },
      }
    },
    render: () => {
      const lines: string[] = []
      for (const metric of metrics.values()) {
        lines.push(`# HELP ${metric.name} ${metric.help.replaceAll('\n', ' ')}`, `# TYPE ${metric.name} ${metric.kind}`)
        if (metric.kind === 'histogram') {
          for (const series of metric.series.values()) {
            metric.boundaries.forEach((bound, index) => {
              lines.push(`${metric.name}_bucket${labelText(series.labels, ['le', numberText(bound)])} ${series.buckets[index] ?? 0}`)
            })
            lines.push(`${metric.name}_bucket${labelText(series.labels, ['le', '+Inf'])} ${series.count}`)
            lines.push(`${metric.name}_sum${labelText(series.labels)} ${series.sum}`, `${metric.name}_count${labelText(series.labels)} ${series.count}`)
          }
        } else {
          for (const series of metric.series.values()) lines.push(`${metric.name}${labelText(series.labels)} ${numberText(series.value)}`)
        }
      }
      return `${lines.join('\n')}\n`
    },
  }
}
