# The staff interface, in English. Every key is also in fr.ftl and es.ftl, in this order.

## The page frame
skip-to-content = Skip to content
nav-campaigns = Campaigns
nav-ambassadors = Ambassadors
nav-tours = Tours and events
nav-touchpoints = Links and QR codes
nav-reports = Reports
nav-money = Offline gifts and commitments
nav-members = Members
nav-payments = Payments
nav-audit = Audit log
menu-switch-org = Switch organization
menu-account = Your account and sign-in
menu-log-out = Log out
menu-log-out-everywhere = Log out on all devices
save = Save

## Roles
role-owner = Owner
role-admin = Admin
role-campaign_manager = Campaign manager
role-ambassador_team = Ambassador team
role-viewer = Viewer

## The organization's dashboard
dashboard-mail-off = Email is off: this server has no --smtp-url, so supporters get no confirmation email. Their confirmation links are listed on each campaign's Supporters page.
dashboard-since-start = Since the campaign began: { $period }, against the same number of days before.
dashboard-full-report = The full report
dashboard-how-counted = How it is counted
dashboard-visits-caption = Visits per day (a day with none is zero)
dashboard-money-caption = Money received per stop, in the reporting currency
dashboard-scans-caption = QR code scans per stop
dashboard-signed-in-as = You are signed in as { $email }, { $role } of this organization.
dashboard-members = Members
dashboard-created = Created
dashboard-public-page = Public page
dashboard-members-and-roles = Members and roles
dashboard-settings = Settings
dashboard-languages = Languages the organization works in: public pages offer them, campaign and ambassador forms ask for text in them
dashboard-default-language = Default language of public pages (one of those)
dashboard-save-settings = Save settings
dashboard-sign-in = Sign-in
dashboard-require-two-factor = Members must sign in with two factors (a code from an authenticator app)
summary-raised = { $raised } raised of { $goal }
summary-visits-chart = Visits per day
summary-money-chart = Money received per stop
summary-scans-chart = QR scans per stop

## Your account
account-title = Your account
account-signed-in-as = Signed in as { $email }.
account-language = Language of these pages
account-language-label = The staff pages in
account-language-browser = The browser's language
account-language-saved = Saved: these pages are now in English.
account-language-unknown = Language: choose English, French or Spanish, or the browser's.

## Campaigns
item-archived = archived
campaigns-not-created = The campaign was not created:
campaigns-none = No campaigns yet.
campaigns-campaign = Campaign
campaigns-status = Status
campaigns-raised = Raised
campaigns-signatures = Confirmed signatures
campaigns-languages = Languages
campaigns-new = New campaign
campaigns-new-title = Title of the public page, in its default language (optional now: write it, and the other languages, on the campaign's page)
campaigns-create = Create campaign
campaign-slug = Slug (web address)
campaign-slug-help = Lower-case letters, digits and hyphens; the page's address:
campaign-name = Name (for staff pages and reports; the public page shows its title)
campaign-kind = Kind
campaign-goals = Goals (either or both)
campaign-goal-money = Money goal
campaign-goal-currency = Currency (ISO 4217)
campaign-goal-actions = Action goal (pledges, sign-ups)
campaign-start = Start
campaign-end = End
campaign-default-language = Default language
kind-awareness = Awareness
kind-fundraising = Fundraising
kind-emergency_appeal = Emergency appeal
status-draft = Draft
status-live = Live
status-closed = Closed
