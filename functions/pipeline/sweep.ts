import type { Deps } from "../../shared/deps";
import { resumeStalledJobs } from "../../shared/jobs/resume";
import type { MailTransport } from "../../shared/mail/types";
import { acknowledgeOwed } from "../../shared/notifications/acknowledge";
import { deliverDue, SWEEP_RESERVE_MS } from "../../shared/notifications/sweep";
import { deliverDueWebhooks } from "../../shared/webhooks/deliver";
import { runJobPage } from "./jobs";

/**
 * One sweep, by the schedule on AWS and by a timer locally: stalled jobs are resumed first (they
 * write what is owed), then what is due is sent, then new items whose stream record never
 * acknowledged them are acknowledged, and the webhook deliveries that are due are sent, all within
 * the invocation's time (`deadline`, epoch ms).
 */
export async function sweep(deps: Deps, transport: MailTransport, deadline: number) {
  const jobs = await resumeStalledJobs(deps, (id, options) => runJobPage(deps, transport, id, { deadline }, options), {
    deadline,
  });
  const outcomes = await deliverDue(deps, transport, { deadline });
  const acknowledged = await acknowledgeOwed(deps, transport, { deadline, reserveMs: SWEEP_RESERVE_MS });
  const webhooks = await deliverDueWebhooks(deps, { deadline });
  return { jobs, outcomes, acknowledged, webhooks };
}
