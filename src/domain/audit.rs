//! What the audit log records about each staff change.

use super::ids::UserId;

/// Who made a change: a signed-in staff member, or an operator at the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: Option<UserId>,
    /// Shown in the log; an email for staff, `cli` or `setup` otherwise.
    pub label: String,
}

impl Actor {
    pub fn staff(user_id: UserId, email: &str) -> Self {
        Self {
            user_id: Some(user_id),
            label: email.to_owned(),
        }
    }

    pub fn command_line() -> Self {
        Self {
            user_id: None,
            label: "command line".to_owned(),
        }
    }
}

/// The kinds of change the audit log knows. Stored by [`AuditAction::as_str`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditAction {
    OrgCreated,
    OrgUpdated,
    MemberAdded,
    MemberInvited,
    InviteRevoked,
    MemberJoined,
    MemberRoleChanged,
    MemberRemoved,
    CampaignCreated,
    CampaignUpdated,
    CampaignStatusChanged,
    CampaignArchived,
    CampaignRestored,
    CampaignContentChanged,
    CampaignAmbassadorsChanged,
    CampaignImageChanged,
    AmbassadorCreated,
    AmbassadorUpdated,
    AmbassadorArchived,
    TourCreated,
    TourUpdated,
    TourArchived,
    EngagementCreated,
    EngagementUpdated,
    EngagementArchived,
    TouchpointCreated,
    TouchpointRetired,
    TouchpointsRepointed,
    TouchpointsRepointUndone,
    ActionsMarkedSpam,
    ActionsRestored,
    PaymentSettingsChanged,
    ExchangeRatesImported,
    OfflineGiftsRecorded,
    CommitmentRecorded,
    CommitmentStatusChanged,
    BalanceTransactionsImported,
    ImpressionsImported,
    AttendanceImported,
    LiveMessagesModerated,
    LiveSettingsChanged,
    CampaignTransparencyChanged,
    ApiTokenCreated,
    ApiTokenRevoked,
    ApiTokensAllRevoked,
    StopsImported,
}

impl AuditAction {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::OrgCreated => "org.created",
            AuditAction::OrgUpdated => "org.updated",
            AuditAction::MemberAdded => "member.added",
            AuditAction::MemberInvited => "member.invited",
            AuditAction::InviteRevoked => "member.invite_revoked",
            AuditAction::MemberJoined => "member.joined",
            AuditAction::MemberRoleChanged => "member.role_changed",
            AuditAction::MemberRemoved => "member.removed",
            AuditAction::ActionsMarkedSpam => "actions.marked_spam",
            AuditAction::ActionsRestored => "actions.restored",
            AuditAction::CampaignCreated => "campaign.created",
            AuditAction::CampaignUpdated => "campaign.updated",
            AuditAction::CampaignStatusChanged => "campaign.status_changed",
            AuditAction::CampaignArchived => "campaign.archived",
            AuditAction::CampaignRestored => "campaign.restored",
            AuditAction::CampaignContentChanged => "campaign.content_changed",
            AuditAction::CampaignAmbassadorsChanged => "campaign.ambassadors_changed",
            AuditAction::CampaignImageChanged => "campaign.image_changed",
            AuditAction::AmbassadorCreated => "ambassador.created",
            AuditAction::AmbassadorUpdated => "ambassador.updated",
            AuditAction::AmbassadorArchived => "ambassador.archived",
            AuditAction::TourCreated => "tour.created",
            AuditAction::TourUpdated => "tour.updated",
            AuditAction::TourArchived => "tour.archived",
            AuditAction::EngagementCreated => "engagement.created",
            AuditAction::EngagementUpdated => "engagement.updated",
            AuditAction::EngagementArchived => "engagement.archived",
            AuditAction::TouchpointCreated => "touchpoint.created",
            AuditAction::TouchpointRetired => "touchpoint.retired",
            AuditAction::TouchpointsRepointed => "touchpoints.repointed",
            AuditAction::TouchpointsRepointUndone => "touchpoints.repoint_undone",
            AuditAction::PaymentSettingsChanged => "payments.settings_changed",
            AuditAction::ExchangeRatesImported => "exchange_rates.imported",
            AuditAction::OfflineGiftsRecorded => "gifts.offline_recorded",
            AuditAction::CommitmentRecorded => "commitment.recorded",
            AuditAction::CommitmentStatusChanged => "commitment.status_changed",
            AuditAction::BalanceTransactionsImported => "balance_transactions.imported",
            AuditAction::ImpressionsImported => "impressions.imported",
            AuditAction::AttendanceImported => "attendance.imported",
            AuditAction::LiveMessagesModerated => "live.messages_moderated",
            AuditAction::LiveSettingsChanged => "live.settings_changed",
            AuditAction::CampaignTransparencyChanged => "campaign.transparency_changed",
            AuditAction::ApiTokenCreated => "api_token.created",
            AuditAction::ApiTokenRevoked => "api_token.revoked",
            AuditAction::ApiTokensAllRevoked => "api_token.all_revoked",
            AuditAction::StopsImported => "tour.stops_imported",
        }
    }
}

impl AuditAction {
    pub const ALL: [AuditAction; 46] = [
        AuditAction::OrgCreated,
        AuditAction::OrgUpdated,
        AuditAction::MemberAdded,
        AuditAction::MemberInvited,
        AuditAction::InviteRevoked,
        AuditAction::MemberJoined,
        AuditAction::MemberRoleChanged,
        AuditAction::MemberRemoved,
        AuditAction::CampaignCreated,
        AuditAction::CampaignUpdated,
        AuditAction::CampaignStatusChanged,
        AuditAction::CampaignArchived,
        AuditAction::CampaignRestored,
        AuditAction::CampaignContentChanged,
        AuditAction::CampaignAmbassadorsChanged,
        AuditAction::CampaignImageChanged,
        AuditAction::AmbassadorCreated,
        AuditAction::AmbassadorUpdated,
        AuditAction::AmbassadorArchived,
        AuditAction::TourCreated,
        AuditAction::TourUpdated,
        AuditAction::TourArchived,
        AuditAction::EngagementCreated,
        AuditAction::EngagementUpdated,
        AuditAction::EngagementArchived,
        AuditAction::TouchpointCreated,
        AuditAction::TouchpointRetired,
        AuditAction::TouchpointsRepointed,
        AuditAction::TouchpointsRepointUndone,
        AuditAction::ActionsMarkedSpam,
        AuditAction::ActionsRestored,
        AuditAction::PaymentSettingsChanged,
        AuditAction::ExchangeRatesImported,
        AuditAction::OfflineGiftsRecorded,
        AuditAction::CommitmentRecorded,
        AuditAction::CommitmentStatusChanged,
        AuditAction::BalanceTransactionsImported,
        AuditAction::ImpressionsImported,
        AuditAction::AttendanceImported,
        AuditAction::LiveMessagesModerated,
        AuditAction::LiveSettingsChanged,
        AuditAction::CampaignTransparencyChanged,
        AuditAction::ApiTokenCreated,
        AuditAction::ApiTokenRevoked,
        AuditAction::ApiTokensAllRevoked,
        AuditAction::StopsImported,
    ];

    /// The action stored as `text`, if it is one.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == text)
    }
}
