//! Two-factor sign-in for staff (QUALITY.md, L2 authentication): enrolment with an authenticator
//! app's code after the password, sign-in asking for a code once the password is right, each
//! code used once and only one 30-second step either side, recovery codes used once, an owner
//! requiring it of every member, and re-authentication for turning it off or changing the
//! password or the email.

use chorus::domain::role::Role;
use chorus::domain::totp::{code_at, step_at};

use crate::on_both_backends;
use crate::support::{Client, Page, TestApp};

const PASSWORD: &str = "a long enough passphrase";

on_both_backends!(staff_sign_in_with_two_factors);

/// The value of the hidden or text field `name` in `html`.
fn field(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("{name} in {html}"))
        + marker.len();
    html[start..].split('"').next().expect("value").to_owned()
}

/// RFC 4648 base32, as the enrolment page shows the key.
fn from_base32(text: &str) -> Vec<u8> {
    const ALPHABET: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let (mut buffer, mut bits, mut out) = (0u32, 0u32, Vec::new());
    for c in text.chars() {
        buffer = (buffer << 5) | ALPHABET.find(c).expect("base32") as u32;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
        }
    }
    out
}

fn step_now() -> i64 {
    step_at(chorus::clock::now())
}

async fn password_step(app: &TestApp, email: &str) -> (Client, Page) {
    let client = app.client();
    let page = client
        .post("/admin/login", &[("email", email), ("password", PASSWORD)])
        .await;
    (client, page)
}

async fn code_step(client: &Client, after_password: &Page, code: &str) -> Page {
    let pending = field(&after_password.body, "pending");
    client
        .post(
            "/admin/login/code",
            &[
                ("pending", pending.as_str()),
                ("code", code),
                ("next", "/admin"),
            ],
        )
        .await
}

async fn staff_sign_in_with_two_factors(app: TestApp) {
    const OWNER: &str = "owner@acme.example";
    let org = app.seed_org("acme", "Acme Relief").await;
    let owner_user = app.seed_member(&org, OWNER, Role::Owner, PASSWORD).await;
    app.seed_member(&org, "viewer@acme.example", Role::Viewer, PASSWORD)
        .await;
    let owner = app.client();
    owner.login(OWNER, PASSWORD).await;
    let account = owner.get("/admin/account").await;
    assert_eq!(account.status, 200);
    assert!(account.body.contains("Off."), "{}", account.body);
    let csrf = field(&account.body, "csrf");

    // Setting it up asks for the password again.
    let wrong = owner
        .post(
            "/admin/account/two-factor/begin",
            &[("csrf", &csrf), ("password", "not my password")],
        )
        .await;
    assert_eq!(wrong.status, 422);
    assert!(wrong.body.contains("current password is not right"));
    let offered = owner
        .post(
            "/admin/account/two-factor/begin",
            &[("csrf", &csrf), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(offered.status, 200, "{}", offered.body);
    assert!(offered.body.contains("<svg"), "a QR code to scan");
    let key_at = offered.body.find("<code class=\"secret\">").expect("key") + 21;
    let key: String = offered.body[key_at..]
        .chars()
        .take_while(|c| *c != '<')
        .collect();
    let secret = from_base32(&key);
    let pending = field(&offered.body, "pending");
    let refused = owner
        .post(
            "/admin/account/two-factor/confirm",
            &[("csrf", &csrf), ("pending", &pending), ("code", "12345")],
        )
        .await;
    assert_eq!(refused.status, 422, "a wrong code turns nothing on");
    let now = step_now();
    let confirmed = owner
        .post(
            "/admin/account/two-factor/confirm",
            &[
                ("csrf", &csrf),
                ("pending", &pending),
                ("code", &code_at(&secret, now)),
            ],
        )
        .await;
    assert_eq!(confirmed.status, 200, "{}", confirmed.body);
    let recovery: Vec<String> = confirmed
        .body
        .split("<li><code>")
        .skip(1)
        .map(|rest| rest.split('<').next().expect("code").to_owned())
        .collect();
    assert_eq!(recovery.len(), 10, "{}", confirmed.body);

    // Signing in: the password, then the code; a right password alone makes no session.
    let (client, after_password) = password_step(&app, OWNER).await;
    assert_eq!(after_password.status, 200);
    assert!(
        after_password.header("set-cookie").is_none(),
        "no session yet"
    );
    let next_code = code_at(&secret, now + 1);
    let signed_in = code_step(&client, &after_password, &next_code).await;
    assert_eq!(signed_in.status, 303, "{}", signed_in.body);
    assert_eq!(client.get("/admin/acme").await.status, 200);
    // The same code again, or one two steps away, is refused.
    let (again, after) = password_step(&app, OWNER).await;
    assert_eq!(
        code_step(&again, &after, &next_code).await.status,
        401,
        "used once"
    );
    let far = code_at(&secret, now - 2);
    assert_eq!(
        code_step(&again, &after, &far).await.status,
        401,
        "out of the window"
    );
    // A recovery code works once.
    let (rescued, after) = password_step(&app, OWNER).await;
    assert_eq!(code_step(&rescued, &after, &recovery[0]).await.status, 303);
    let (twice, after) = password_step(&app, OWNER).await;
    assert_eq!(code_step(&twice, &after, &recovery[0]).await.status, 401);
    // A forged note that the password was right is refused.
    let forged = app
        .client()
        .post(
            "/admin/login/code",
            &[("pending", "1.99999999999.00"), ("code", &next_code)],
        )
        .await;
    assert_eq!(forged.status, 400);

    // The owner requires it: a member without it is sent to set it up.
    let dashboard = client.get("/admin/acme").await;
    let org_csrf = field(&dashboard.body, "csrf");
    let required = client
        .post(
            "/admin/acme/settings/two-factor",
            &[("csrf", &org_csrf), ("required", "on")],
        )
        .await;
    assert_eq!(required.status, 303, "{}", required.body);
    let viewer = app.client();
    viewer.login("viewer@acme.example", PASSWORD).await;
    let held = viewer.get("/admin/acme").await;
    assert_eq!(held.status, 403);
    assert!(held.body.contains("/admin/account"), "{}", held.body);
    assert_eq!(
        viewer.get("/admin/account").await.status,
        200,
        "set-up stays open"
    );

    // Turning it off needs the password and a second factor.
    let account = client.get("/admin/account").await;
    let csrf = field(&account.body, "csrf");
    let no_code = client
        .post(
            "/admin/account/two-factor/disable",
            &[("csrf", &csrf), ("password", PASSWORD), ("code", "")],
        )
        .await;
    assert_eq!(no_code.status, 422);
    let changed = client
        .post(
            "/admin/account/password",
            &[
                ("csrf", &csrf),
                ("password", PASSWORD),
                ("code", &recovery[1]),
                ("new_password", "another long passphrase"),
                ("confirm", "another long passphrase"),
            ],
        )
        .await;
    assert_eq!(changed.status, 303, "{}", changed.body);
    let email_without_code = client
        .post(
            "/admin/account/email",
            &[
                ("csrf", &csrf),
                ("password", "another long passphrase"),
                ("code", "000000"),
                ("new_email", "owner2@acme.example"),
            ],
        )
        .await;
    assert_eq!(email_without_code.status, 422, "a second factor is needed");
    let taken = client
        .post(
            "/admin/account/email",
            &[
                ("csrf", &csrf),
                ("password", "another long passphrase"),
                ("code", &recovery[3]),
                ("new_email", "viewer@acme.example"),
            ],
        )
        .await;
    assert_eq!(taken.status, 422);
    assert!(taken.body.contains("Another account"), "{}", taken.body);
    let off = client
        .post(
            "/admin/account/two-factor/disable",
            &[
                ("csrf", &csrf),
                ("password", "another long passphrase"),
                ("code", &recovery[2]),
            ],
        )
        .await;
    assert_eq!(off.status, 303, "{}", off.body);
    let stored = app.store.two_factor(owner_user.id).await.expect("q");
    assert!(stored.is_none(), "off");
    app.stop().await;
}
