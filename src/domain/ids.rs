//! Typed identifiers, so a user id can never be passed where an organization id is expected.

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// An organization (tenant).
    OrgId
);
id_type!(
    /// A staff account; one person may belong to several organizations.
    UserId
);
id_type!(
    /// A campaign of one organization.
    CampaignId
);
id_type!(
    /// A goodwill ambassador of one organization.
    AmbassadorId
);
id_type!(
    /// A tour (a series of engagements).
    TourId
);
id_type!(
    /// An engagement: a concert, meeting, council session or media appearance.
    EngagementId
);
