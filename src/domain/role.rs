//! Staff roles and what each may do. The policy lives here, once; web and CLI ask it.

use thiserror::Error;

/// A staff member's role within one organization, from most to least powerful.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Owner,
    Admin,
    CampaignManager,
    AmbassadorTeam,
    Viewer,
}

/// Something a staff member may try to do inside an organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// See the organization's dashboard and member list.
    View,
    /// Invite, re-role and remove members.
    ManageMembers,
    /// Read the audit log.
    ReadAudit,
    /// Create and edit campaigns and their content.
    EditCampaigns,
    /// Create and edit ambassadors, tours and engagements.
    EditProgram,
    /// See, moderate and export supporters (personal data: names, emails, messages).
    Supporters,
    /// Send existing codes to another campaign, or undo that: every printed code follows, so
    /// where people are sent is the campaign manager's decision, not the ambassador team's.
    Repoint,
}

#[derive(Debug, Error, PartialEq, Eq)]
#[error(
    "unknown role '{0}'; choose one of: owner, admin, campaign_manager, ambassador_team, viewer"
)]
pub struct UnknownRole(pub String);

/// Why a membership change is refused even though the actor may manage members.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum MembershipRuleError {
    #[error("only an owner can grant or change the owner role")]
    OwnerOnly,
    #[error("an organization must keep at least one owner")]
    LastOwner,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Owner,
        Role::Admin,
        Role::CampaignManager,
        Role::AmbassadorTeam,
        Role::Viewer,
    ];

    pub fn parse(input: &str) -> Result<Self, UnknownRole> {
        let key = input.trim().to_lowercase().replace(['-', ' '], "_");
        Role::ALL
            .into_iter()
            .find(|role| role.as_str() == key)
            .ok_or_else(|| UnknownRole(input.trim().to_owned()))
    }

    /// The stable name stored in the database and used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Admin => "admin",
            Role::CampaignManager => "campaign_manager",
            Role::AmbassadorTeam => "ambassador_team",
            Role::Viewer => "viewer",
        }
    }

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Role::Owner => "Owner",
            Role::Admin => "Admin",
            Role::CampaignManager => "Campaign manager",
            Role::AmbassadorTeam => "Ambassador team",
            Role::Viewer => "Viewer",
        }
    }

    pub fn allows(self, permission: Permission) -> bool {
        match permission {
            Permission::View => true,
            Permission::ManageMembers | Permission::ReadAudit => {
                matches!(self, Role::Owner | Role::Admin)
            }
            Permission::EditCampaigns | Permission::Supporters | Permission::Repoint => {
                matches!(self, Role::Owner | Role::Admin | Role::CampaignManager)
            }
            Permission::EditProgram => !matches!(self, Role::Viewer),
        }
    }

    /// Whether `self` may move a member from `from` (None: a new member) to `to`.
    /// Admins manage everyone but owners; only owners touch the owner role.
    pub fn may_assign(self, from: Option<Role>, to: Role) -> Result<(), MembershipRuleError> {
        let touches_owner = to == Role::Owner || from == Some(Role::Owner);
        if touches_owner && self != Role::Owner {
            return Err(MembershipRuleError::OwnerOnly);
        }
        Ok(())
    }
}

/// Refuses a change that would leave the organization without an owner.
pub fn keeps_an_owner(
    owners_now: usize,
    from: Role,
    to: Option<Role>,
) -> Result<(), MembershipRuleError> {
    let loses_an_owner = from == Role::Owner && to != Some(Role::Owner);
    if loses_an_owner && owners_now <= 1 {
        return Err(MembershipRuleError::LastOwner);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_stable_names_and_friendly_spellings() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Ok(role));
        }
        assert_eq!(Role::parse("Campaign Manager"), Ok(Role::CampaignManager));
        assert_eq!(Role::parse("ambassador-team"), Ok(Role::AmbassadorTeam));
        assert_eq!(Role::parse("god"), Err(UnknownRole("god".into())));
    }

    #[test]
    fn permission_table() {
        let table = [
            (Role::Owner, [true, true, true, true, true, true]),
            (Role::Admin, [true, true, true, true, true, true]),
            (
                Role::CampaignManager,
                [true, false, false, true, true, true],
            ),
            (
                Role::AmbassadorTeam,
                [true, false, false, false, true, false],
            ),
            (Role::Viewer, [true, false, false, false, false, false]),
        ];
        for (role, expected) in table {
            let got = [
                role.allows(Permission::View),
                role.allows(Permission::ManageMembers),
                role.allows(Permission::ReadAudit),
                role.allows(Permission::EditCampaigns),
                role.allows(Permission::EditProgram),
                role.allows(Permission::Repoint),
            ];
            assert_eq!(got, expected, "{role:?}");
        }
    }

    #[test]
    fn only_owners_touch_owners() {
        assert!(Role::Owner.may_assign(None, Role::Owner).is_ok());
        assert!(Role::Admin.may_assign(None, Role::Viewer).is_ok());
        assert_eq!(
            Role::Admin.may_assign(None, Role::Owner),
            Err(MembershipRuleError::OwnerOnly)
        );
        assert_eq!(
            Role::Admin.may_assign(Some(Role::Owner), Role::Viewer),
            Err(MembershipRuleError::OwnerOnly)
        );
    }

    #[test]
    fn last_owner_stays() {
        assert_eq!(
            keeps_an_owner(1, Role::Owner, Some(Role::Admin)),
            Err(MembershipRuleError::LastOwner)
        );
        assert_eq!(
            keeps_an_owner(1, Role::Owner, None),
            Err(MembershipRuleError::LastOwner)
        );
        assert!(keeps_an_owner(2, Role::Owner, None).is_ok());
        assert!(keeps_an_owner(1, Role::Admin, None).is_ok());
    }
}
