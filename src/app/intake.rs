//! The intake of pledges and sign-ups for updates, once the web layer has read the form and
//! checked its token: the campaign's flood guard, the busy-address rule (held, never refused:
//! a stadium's Wi-Fi is one address for thousands of fans), the actions written through the
//! group commit, and the confirmation email that follows.

use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use url::Url;

use super::visits::VisitRecorder;
use crate::auth::rate_limit::RateLimiter;
use crate::domain::ids::{CampaignId, OrgId};
use crate::domain::language::Language;
use crate::domain::supporter::{self, ActionInput, ActionKind, ActionStatus};
use crate::domain::time::Timestamp;
use crate::i18n;
use crate::mail::{Mail, Mailer};
use crate::metrics::Metrics;
use crate::store::{ActionWriter, NewAction, Outcome, Store, StoreError, TouchpointRoute};

/// Submissions from one address in [`BUSY_WINDOW`] past which new ones are held (kept, and
/// flagged for staff), never refused.
pub const BUSY_ADDRESS_THRESHOLD: usize = 20;
pub const BUSY_WINDOW: Duration = Duration::from_secs(10 * 60);
/// One address's share of a campaign's submissions per minute.
pub const SHARE_OF_CAMPAIGN: usize = 10;

/// The intake's guards and writers, one per process.
pub struct Intake {
    store: Store,
    actions: ActionWriter,
    visits: VisitRecorder,
    metrics: Arc<Metrics>,
    mailer: Mailer,
    /// The public URL the confirmation links start with.
    base_url: Url,
    /// Signs the confirmation links.
    secret: Vec<u8>,
    busy_addresses: RateLimiter,
    campaign_submissions: RateLimiter,
    /// Submissions per campaign and address: a tenth of the campaign's flood guard.
    submission_shares: RateLimiter,
}

/// What the intake needs from the rest of the server.
pub struct IntakeParts {
    pub store: Store,
    pub actions: ActionWriter,
    pub visits: VisitRecorder,
    pub metrics: Arc<Metrics>,
    pub mailer: Mailer,
    pub base_url: Url,
    pub secret: Vec<u8>,
    /// Submissions per campaign and minute (`--campaign-rate`).
    pub campaign_rate: usize,
}

/// Let through the campaign's flood guard.
#[derive(Debug, Clone, Copy)]
pub struct Admitted {
    /// Its address already sent its share of the campaign's submissions: kept, but held.
    over_share: bool,
}

/// The campaign receives too many submissions: try again after this long.
#[derive(Debug, Clone, Copy)]
pub struct Flooded {
    pub retry_after: Duration,
}

/// One checked form.
pub struct IntakeForm<'a> {
    pub org: OrgId,
    pub campaign: CampaignId,
    pub kind: ActionKind,
    pub input: ActionInput,
    pub language: Language,
    pub route: Option<&'a TouchpointRoute>,
    /// The consent wording exactly as shown with the form.
    pub consent_text: String,
    /// With a pledge, the sign-up for updates ticked on it: the wording of that box.
    pub also_subscribe: Option<String>,
    pub idempotency_key: String,
    pub address: IpAddr,
    /// The page's script solved the form's proof of work.
    pub worked: bool,
    /// Sent back sooner after it was issued than a person reads a form.
    pub sent_quickly: bool,
    pub at: Timestamp,
}

/// The campaign and organization names a confirmation email speaks of.
pub struct MailContext {
    pub campaign_title: String,
    pub org_name: String,
}

impl Intake {
    pub fn new(parts: IntakeParts) -> Self {
        let rate = parts.campaign_rate;
        Self {
            store: parts.store,
            actions: parts.actions,
            visits: parts.visits,
            metrics: parts.metrics,
            mailer: parts.mailer,
            base_url: parts.base_url,
            secret: parts.secret,
            busy_addresses: RateLimiter::new(BUSY_ADDRESS_THRESHOLD, BUSY_WINDOW),
            // A flood guard per campaign (`--campaign-rate`), not a limit on a crowd.
            campaign_submissions: RateLimiter::new(rate, Duration::from_secs(60)),
            submission_shares: RateLimiter::new(
                (rate / SHARE_OF_CAMPAIGN).max(1),
                Duration::from_secs(60),
            ),
        }
    }

    /// The campaign's flood guard. One address's share of it is a tenth: past it, its
    /// submissions are held (kept, for staff to review) and leave the guard to everyone else,
    /// so only many addresses together can fill it.
    pub fn admit(
        &self,
        campaign: CampaignId,
        address: IpAddr,
        now: Timestamp,
    ) -> Result<Admitted, Flooded> {
        let campaign_key = campaign.0.to_string();
        let share_key = format!("{campaign_key} {address}");
        let over_share = self.submission_shares.check(&share_key, now).is_err();
        if !over_share {
            if let Err(retry) = self.campaign_submissions.check(&campaign_key, now) {
                return Err(Flooded {
                    retry_after: retry.0,
                });
            }
            self.campaign_submissions.record(&campaign_key, now);
            self.submission_shares.record(&share_key, now);
        }
        Ok(Admitted { over_share })
    }

    /// Writes one form's actions (a pledge with the sign-up ticked on it is two) and sends
    /// the email that confirms the new ones, in the background. Every outcome reads the same
    /// to the sender: the reply never tells whether an address has signed.
    pub async fn record(
        self: &Arc<Self>,
        form: IntakeForm<'_>,
        admitted: Admitted,
        mail: MailContext,
    ) -> Result<(), StoreError> {
        // A busy address's excess is held, not refused, so its forms are asked for the same
        // work as anyone's; the work only spares a submission from being held. So is a form
        // sent back sooner than a person reads it (a phone's autofill can be that quick). Counted and
        // judged in one step, so that submissions arriving together cannot all slip under.
        let busy = self
            .busy_addresses
            .hit(&form.address.to_string(), form.at)
            .is_err();
        let held = ((busy || form.sent_quickly) && !form.worked) || admitted.over_share;
        let address_tag = match self.visits.day_secret(form.at).await {
            Ok(secret) => supporter::address_tag(&secret, form.org.0, form.address),
            Err(err) => {
                tracing::warn!(error = %err, "no day secret: action kept without an address tag");
                String::new()
            }
        };
        let first = NewAction {
            org_id: form.org,
            campaign_id: form.campaign,
            kind: form.kind,
            input: form.input,
            language: form.language,
            touchpoint_id: form.route.map(|r| r.touchpoint_id),
            engagement_id: form.route.and_then(|r| r.engagement_id),
            consent_text: form.consent_text,
            idempotency_key: form.idempotency_key,
            address_tag,
            held,
            at: form.at,
        };
        let mut actions = Vec::with_capacity(2);
        if let Some(consent_text) = form.also_subscribe {
            let mut subscription = first.clone();
            subscription.kind = ActionKind::Subscription;
            subscription.input.show_name = false;
            subscription.consent_text = consent_text;
            subscription.idempotency_key = format!("{}.updates", first.idempotency_key);
            actions.push(first);
            actions.push(subscription);
        } else {
            actions.push(first);
        }
        // What this form asks its signer to confirm: one email for all of it.
        let mut to_confirm = Vec::new();
        for action in actions {
            let kind = action.kind;
            let recorded = self.actions.record(action).await?;
            if recorded.outcome == Outcome::New {
                // Nothing the public sees moves yet: screens and pages count confirmed
                // signatures, and show a supporter's name only once staff approve it.
                self.metrics.actions_recorded.inc();
                if held {
                    self.metrics.actions_held.inc();
                }
            }
            // A repeat of the same form already had its email; a person who signed before and
            // has not confirmed gets the link again. Without SMTP staff see the link instead.
            if recorded.outcome != Outcome::Repeat && recorded.status == ActionStatus::Pending {
                to_confirm.push((kind, recorded.action_id));
            }
        }
        if !to_confirm.is_empty() && self.mailer.enabled() {
            let intake = self.clone();
            tokio::spawn(async move { intake.send_confirmation(&mail, &to_confirm).await });
        }
        Ok(())
    }

    /// Whether confirmation emails go out (an SMTP server is set); without, staff see the links.
    pub fn mail_enabled(&self) -> bool {
        self.mailer.enabled()
    }

    /// The path of the confirmation link of an action made at `created_at`.
    pub fn confirmation_path(&self, action_id: i64, created_at: Timestamp) -> String {
        confirmation_path(&self.secret, action_id, created_at)
    }

    /// Emails the confirmation links of the pending actions one form made in one message whose
    /// subject and text say what each link confirms. Failures are logged and counted: the
    /// actions stay pending, and staff can see their links.
    async fn send_confirmation(&self, context: &MailContext, actions: &[(ActionKind, i64)]) {
        let Some(&(_, first)) = actions.first() else {
            return;
        };
        let pending = match self.store.pending_mail(first).await {
            Ok(Some(pending)) => pending,
            Ok(None) => return,
            Err(err) => {
                tracing::warn!(error = %err, action_id = first, "cannot read the action to email");
                return;
            }
        };
        let lang = Language::parse(&pending.language).unwrap_or(Language::En);
        let created = Timestamp::from_unix_micros(pending.created_at);
        let links: Vec<String> = actions
            .iter()
            .map(|(kind, id)| {
                let path = self.confirmation_path(*id, created);
                let link = format!("{}{path}", self.base_url.as_str().trim_end_matches('/'));
                let asks = i18n::text(lang, &format!("mail-confirm-link-{}", kind.as_str()));
                format!("{asks}\n{link}")
            })
            .collect();
        let subject_key = match actions {
            [(kind, _)] => format!("mail-confirm-subject-{}", kind.as_str()),
            _ => "mail-confirm-subject-both".to_string(),
        };
        let campaign = context.campaign_title.as_str();
        let name = if pending.name.is_empty() {
            String::new()
        } else {
            format!(" {}", pending.name)
        };
        let subject = i18n::text_with(lang, &subject_key, &[("campaign", campaign)]);
        let body = i18n::text_with(
            lang,
            "mail-confirm-body",
            &[
                ("name", &name),
                ("campaign", campaign),
                ("org", &context.org_name),
                ("links", &links.join("\n\n")),
            ],
        );
        let mail = Mail {
            to_name: &pending.name,
            to_address: &pending.email,
            subject: &subject,
            body: &body,
        };
        match self.mailer.send(&mail).await {
            Ok(_) => {
                self.metrics.mail_sent.inc();
            }
            Err(err) => {
                self.metrics.mail_failed.inc();
                tracing::warn!(error = %err, action_id = first, "confirmation email not sent");
            }
        }
    }
}

/// The path of the confirmation link of an action made at `created_at`, signed with `secret`.
pub fn confirmation_path(secret: &[u8], action_id: i64, created_at: Timestamp) -> String {
    let expires = Timestamp::from_unix_micros(
        created_at.unix_micros() + supporter::CONFIRMATION_WINDOW_MICROS,
    );
    let signature = supporter::confirmation_signature(secret, action_id, expires);
    format!("/confirm/{action_id}.{}.{signature}", expires.unix_micros())
}
