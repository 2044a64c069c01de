//! The storage contract, run on SQLite and PostgreSQL: the same calls give the same results.

use std::time::Duration;

use chorus::auth::token;
use chorus::clock;
use chorus::domain::audit::Actor;
use chorus::domain::email::Email;
use chorus::domain::org::{OrgName, OrgSlug};
use chorus::domain::role::{MembershipRuleError, Role};
use chorus::store::{InviteUser, NewSession, StoreError};

use crate::on_both_backends;
use crate::support::TestApp;

on_both_backends!(
    org_slugs_are_unique,
    owner_rules_hold_inside_transactions,
    one_time_links_expire_and_work_once,
    sessions_expire_and_are_revoked,
);

const PW: &str = "store contract passphrase";

async fn org_slugs_are_unique(app: TestApp) {
    let org = app.seed_org("unique", "First").await;
    let again = app
        .store
        .create_org(
            &OrgSlug::parse("unique").expect("slug"),
            &OrgName::parse("Second").expect("name"),
            &Actor::command_line(),
            clock::now(),
        )
        .await;
    match again {
        Err(err) => assert!(err.is_conflict_on("orgs"), "{err:?}"),
        Ok(_) => panic!("a second org with the same slug was created"),
    }
    let found = app
        .store
        .org_by_slug("unique")
        .await
        .expect("q")
        .expect("org");
    assert_eq!(found, org);
    assert!(app.store.org_by_slug("missing").await.expect("q").is_none());
    let user = app
        .seed_member(&org, "a@unique.example", Role::Viewer, PW)
        .await;
    let twice = app
        .store
        .add_member(
            org.id,
            &user,
            Role::Admin,
            &Actor::command_line(),
            clock::now(),
        )
        .await;
    assert!(
        matches!(twice, Err(ref e) if e.is_conflict_on("memberships")),
        "{twice:?}"
    );
    let created = app
        .store
        .create_user(
            &Email::parse("A@Unique.example").expect("email"),
            "x",
            clock::now(),
        )
        .await;
    assert!(
        matches!(created, Err(ref e) if e.is_conflict_on("users")),
        "{created:?}"
    );
}

async fn owner_rules_hold_inside_transactions(app: TestApp) {
    let org = app.seed_org("rules", "Rules").await;
    let first = app
        .seed_member(&org, "first@rules.example", Role::Owner, PW)
        .await;
    let second = app
        .seed_member(&org, "second@rules.example", Role::Owner, PW)
        .await;
    let actor = Actor::staff(first.id, &first.email);
    let now = clock::now();
    // Two owners: one may step down; then the other is the last and may not.
    let from = app
        .store
        .change_role(org.id, second.id, Role::Admin, Role::Owner, &actor, now)
        .await
        .expect("first demotion");
    assert_eq!(from, Role::Owner);
    let last = app
        .store
        .change_role(org.id, first.id, Role::Admin, Role::Owner, &actor, now)
        .await;
    assert!(
        matches!(last, Err(StoreError::Rule(MembershipRuleError::LastOwner))),
        "{last:?}"
    );
    let removed = app
        .store
        .remove_member(org.id, first.id, Role::Owner, &actor, now)
        .await;
    assert!(matches!(
        removed,
        Err(StoreError::Rule(MembershipRuleError::LastOwner))
    ));
    // An admin cannot promote to owner.
    let promoted = app
        .store
        .change_role(org.id, second.id, Role::Owner, Role::Admin, &actor, now)
        .await;
    assert!(matches!(
        promoted,
        Err(StoreError::Rule(MembershipRuleError::OwnerOnly))
    ));
    assert_eq!(
        app.store.role_in(org.id, second.id).await.expect("q"),
        Some(Role::Admin)
    );
    // Refused changes write no audit rows.
    let actions: Vec<String> = app
        .store
        .audit_entries(org.id, 100)
        .await
        .expect("audit")
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(
        actions
            .iter()
            .filter(|a| *a == "member.role_changed")
            .count(),
        1
    );
    // Unknown member ids are not found, whatever the organization.
    let missing = app
        .store
        .change_role(
            org.id,
            chorus::domain::ids::UserId(999_999),
            Role::Viewer,
            Role::Owner,
            &actor,
            now,
        )
        .await;
    assert!(matches!(missing, Err(StoreError::NotFound)));
}

async fn one_time_links_expire_and_work_once(app: TestApp) {
    let now = clock::now();
    let day = Duration::from_secs(24 * 3600);
    // The setup link printed at launch is replaced by a new one.
    let secret = token::random_token();
    let digest = token::digest(&secret);
    app.store
        .create_setup_token(&digest, now, now.plus(day))
        .await
        .expect("token");
    assert!(app.store.setup_token_usable(&digest, now).await.expect("q"));
    assert!(
        !app.store
            .setup_token_usable(&digest, now.plus(day))
            .await
            .expect("q"),
        "expired after 24 h"
    );
    let slug = OrgSlug::parse("linked").expect("slug");
    let name = OrgName::parse("Linked").expect("name");
    let email = Email::parse("founder@linked.example").expect("email");
    let late = app
        .store
        .complete_setup(&digest, &slug, &name, &email, "hash", now.plus(day))
        .await;
    assert!(matches!(late, Err(StoreError::NotFound)));
    let (org, _) = app
        .store
        .complete_setup(&digest, &slug, &name, &email, "hash", now)
        .await
        .expect("setup");
    let twice = app
        .store
        .complete_setup(&digest, &slug, &name, &email, "hash", now)
        .await;
    assert!(matches!(twice, Err(StoreError::NotFound)));
    assert!(app.store.any_owner_exists().await.expect("q"));

    // Invitations: valid for their period, accepted once.
    let invite_secret = token::random_token();
    let invite_digest = token::digest(&invite_secret);
    let owner = Actor::command_line();
    let guest = Email::parse("guest@linked.example").expect("email");
    let week = Duration::from_secs(7 * 24 * 3600);
    app.store
        .create_invite(
            org.id,
            &guest,
            Role::Viewer,
            Role::Owner,
            &owner,
            &invite_digest,
            now,
            now.plus(week),
        )
        .await
        .expect("invite");
    assert!(app
        .store
        .invite_by_token_hash(&invite_digest, now.plus(week))
        .await
        .expect("q")
        .is_none());
    let info = app
        .store
        .invite_by_token_hash(&invite_digest, now)
        .await
        .expect("q")
        .expect("pending");
    assert_eq!(
        (info.email.as_str(), info.role, info.org.id),
        ("guest@linked.example", Role::Viewer, org.id)
    );
    let new_user = || InviteUser::New {
        password_hash: "hash".into(),
    };
    let late = app
        .store
        .accept_invite(&invite_digest, new_user(), now.plus(week))
        .await;
    assert!(matches!(late, Err(StoreError::NotFound)));
    let (joined_org, user) = app
        .store
        .accept_invite(&invite_digest, new_user(), now)
        .await
        .expect("accept");
    assert_eq!(joined_org, org.id);
    assert_eq!(
        app.store.role_in(org.id, user).await.expect("q"),
        Some(Role::Viewer)
    );
    let again = app
        .store
        .accept_invite(&invite_digest, new_user(), now)
        .await;
    assert!(matches!(again, Err(StoreError::NotFound)));
}

async fn sessions_expire_and_are_revoked(app: TestApp) {
    let org = app.seed_org("sess", "Sessions").await;
    let user = app
        .seed_member(&org, "s@sess.example", Role::Viewer, PW)
        .await;
    let now = clock::now();
    for (n, hours) in [("a", 12), ("b", 1)] {
        app.store
            .create_session(
                NewSession {
                    token_hash: &token::digest(n),
                    user_id: user.id,
                    csrf_token: "csrf",
                    expires_at: now.plus(Duration::from_secs(hours * 3600)),
                },
                now,
            )
            .await
            .expect("session");
    }
    let found = app
        .store
        .session_by_token_hash(&token::digest("a"))
        .await
        .expect("q")
        .expect("found");
    assert_eq!(found.user_id, user.id);
    assert_eq!(found.email, "s@sess.example");
    // Two hours later, with a 30-minute idle limit: "b" expired, "a" idle — both swept.
    let later = now.plus(Duration::from_secs(2 * 3600));
    app.store
        .touch_session(found.id, later)
        .await
        .expect("touch");
    let swept = app
        .store
        .delete_expired_sessions(later.minus(Duration::from_secs(1800)), later)
        .await
        .expect("sweep");
    assert_eq!(swept, 1, "only the expired one; the touched one stays");
    assert_eq!(
        app.store.delete_sessions_of(user.id).await.expect("revoke"),
        1
    );
    assert!(app
        .store
        .session_by_token_hash(&token::digest("a"))
        .await
        .expect("q")
        .is_none());
}

#[test]
fn both_migration_trees_list_the_same_versions() {
    let names = |backend: &str| {
        let mut names: Vec<String> = std::fs::read_dir(format!("migrations/{backend}"))
            .expect("migrations folder")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let sqlite = names("sqlite");
    assert!(!sqlite.is_empty());
    assert_eq!(sqlite, names("postgres"));
}
