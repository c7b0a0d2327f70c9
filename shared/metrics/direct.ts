import { filterValue } from "../db/keys";
import type { Feedback } from "../entities/feedback";
import type { Metric } from "../entities/goal";
import type { MetricValue } from "../entities/metric";

const sameValue = (item: string | undefined, wanted: string | undefined) =>
  wanted === undefined || (item !== undefined && filterValue(item) !== "" && filterValue(item) === filterValue(wanted));

const mean = (values: number[]) => (values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length);

/**
 * A metric's value computed straight from feedback items created from UTC day `from` to day `to`
 * (yyyy-mm-dd, both included), with the meaning `goalProgress` gives it. For tests only: it shares
 * no counting code with the counters, so agreeing with them means something.
 */
export function computeMetricDirect(items: Feedback[], metric: Metric, from: string, to: string): MetricValue {
  const scope = metric.scope ?? {};
  const inScope = items.filter((item) => {
    const day = new Date(item.createdAt).toISOString().slice(0, 10);
    return (
      day >= from &&
      day <= to &&
      sameValue(item.topic, scope.topic) &&
      sameValue(item.department, scope.department) &&
      (metric.kind === "complaint_share" || scope.kind === undefined || item.kind === scope.kind)
    );
  });
  switch (metric.kind) {
    case "nps": {
      // Each response counts +100 (promoter), 0 (passive) or −100 (detractor); NPS is their mean.
      const points = inScope.flatMap((item) =>
        item.score?.type === "nps" ? [item.score.value > 8 ? 100 : item.score.value < 7 ? -100 : 0] : [],
      );
      return { value: mean(points), responses: points.length };
    }
    case "csat": {
      const scores = inScope.flatMap((item) => (item.score?.type === "csat" ? [item.score.value] : []));
      return { value: mean(scores), responses: scores.length };
    }
    case "complaint_share": {
      const shares = inScope.map((item) => (item.kind === "complaint" ? 100 : 0));
      return { value: mean(shares), responses: shares.length };
    }
    case "count":
      return { value: inScope.length, responses: inScope.length };
  }
}
