import type { Deps } from "../../shared/deps";
import { resumeStalledJobs } from "../../shared/jobs/resume";
import type { MailTransport } from "../../shared/mail/types";
import { acknowledgeOwed } from "../../shared/notifications/acknowledge";
import { deliverDue, SWEEP_RESERVE_MS } from "../../shared/notifications/sweep";
import { writeWeeklyDigests } from "../../shared/staff/digest";
import { deliverDueWebhooks } from "../../shared/webhooks/deliver";
import { runJobPage } from "./jobs";

/**
 * One sweep, by the schedule on AWS and by a timer locally: stalled jobs are resumed first (they
 * write what is owed), then what is due is sent, then new items whose stream record never
 * acknowledged them are acknowledged, the webhook deliveries that are due are sent, and once the
 * week turns the weekly digests are written (each sent by its own stream record), all within the
 * invocation's time (`deadline`, epoch ms).
 */
export async function sweep(deps: Deps, transport: MailTransport, deadline: number) {
  const jobs = await resumeStalledJobs(deps, (id, options) => runJobPage(deps, transport, id, { deadline }, options), {
    deadline,
  });
  const outcomes = await deliverDue(deps, transport, { deadline });
  const acknowledged = await acknowledgeOwed(deps, transport, { deadline, reserveMs: SWEEP_RESERVE_MS });
  const webhooks = await deliverDueWebhooks(deps, { deadline });
  const digests = await writeWeeklyDigests(deps, { deadline: deadline - SWEEP_RESERVE_MS });
  return { jobs, outcomes, acknowledged, webhooks, digests };
}
