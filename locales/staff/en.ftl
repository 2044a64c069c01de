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
summary-visits-chart = Visits per day (a day with none is zero)
summary-money-chart = Money received per stop, in the reporting currency
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

## A campaign's page
campaign-public-page = Public page:
campaign-drafts-private = Drafts are not public.
nothing-changed = Nothing was changed:
checklist-heading = Before it goes live
checklist-done = Done:
checklist-missing = Missing:
checklist-required = required
campaign-preview = Preview the page as the public will see it:
campaign-close-explained = Closing stops pledges, sign-ups and gifts on its page; the page stays, with its results. You can reopen it.
campaign-close-confirm = Yes, close it
restore = Restore
archive = Archive
campaign-archive-explained = Archiving takes the campaign off every list and its page off the web; its figures stay in the reports. You can restore it.
archive-confirm = Yes, archive it
campaign-supporters = Supporters: pledges and subscriptions
campaign-venue-screen = Venue screen: live tally and messages
campaign-report = Report
transparency-line = Public transparency page (totals, every stop and how each figure is counted; no names):
state-on = on
state-off = off
transparency-turn-off = Turn it off
transparency-publish = Publish it
content-heading = Page text by language
content-written = written
content-missing = missing
content-visitors-get = visitors get
content-title = Title
content-summary = Summary
content-story = Story (Markdown)
content-cta = Call to action
content-save = Save the text in
campaign-ambassadors = Ambassadors involved
campaign-no-ambassadors = No ambassadors yet.
add-one = Add one
campaign-save-ambassadors = Save ambassadors
hero-heading = Hero image
hero-current = Current hero image
hero-file = JPEG, PNG or WebP, up to 5 MB (scaled to 1,200 pixels wide)
upload-image = Upload image
move-reopen = Reopen
move-go-live = Go live
move-close = Close campaign
move-draft = Back to draft

## A tour's page
tour-stops = Stops
tour-add-stop = Add a stop to this tour
tour-add-stop-button = Add the stop
tour-heading = Tour
tour-save = Save tour

## A tour's fields
tour-name = Name
tour-ambassador = Ambassador
choice-none = none

## An event's fields
event-stands-alone = stands alone
event-venue = Venue
event-city = City
event-country = Country (two-letter code)
event-time-zone = Time zone of the venue (type a city to choose, e.g. Berlin)
event-starts = Starts (local time at the venue)
event-capacity = Capacity
event-attendance = Reported attendance
event-attendance-source = Source of the attendance figure

## Lists of events
events-none = No events yet.
events-and-stops = Events and stops
events-when = When (local)
events-event = Event
events-where = Where
events-attendance = Attendance

## Tours and events
nothing-created = Nothing was created:
tours-heading = Tours
tours-none = No tours yet.
events-stops-explained = An event on a tour is one of its stops.
tours-new = New tour
tours-create = Create tour
events-new = New event
events-create = Create event

## An event's page
event-campaigns = Campaigns it supports
event-save-campaigns = Save campaigns
event-details = Details
event-save = Save event
event-languages = In other languages
event-languages-hint = The campaign pages and posters in these languages show these words; left blank, they show the event's own title, venue and city.
event-languages-none = Your organization works in one language. Add languages in its settings to name events in each of them.
event-save-languages = Save the other languages
event-kind-concert = Concert
event-kind-performance = Performance
event-kind-meeting = Meeting
event-kind-council_session = Council session
event-kind-media = Media appearance
event-kind-other = Other

## Links and QR codes
codes-none = No links or codes yet.
codes-caption = Links and codes
select = Select
codes-code = Code and link
codes-channel = Channel
codes-stop = Event or stop
codes-opens = Opens
codes-visits = Visits
codes-scans = QR scans
codes-retired = retired
copied = Copied
copy-link = Copy the link
repoint-legend = Re-point a group
repoint-which = Which codes
repoint-ticked = The ones ticked above
repoint-tour = Every code of the tour { $tour }
repoint-ambassador = Every code of { $name }
repoint-to = Send them to
repoint = Re-point
repoint-history = Re-pointing history
repoint-line = { $at }: { $count } code(s) sent to { $campaign } by { $actor }
repoint-undone = undone
undo = Undo
codes-campaign-first = Create a campaign first: every code opens a campaign.
codes-new = New link and code
codes-opens-campaign = Opens the campaign
codes-label = Label
codes-label-example = Poster by the main entrance
codes-create = Create the link and code
codes-per-stop = One code per stop of a tour
codes-per-stop-create = Create a code for every stop that has none

## A code's page
code-heading = Code
code-link = Link:
code-qr-link = QR code (marks scans):
code-qr-alt = QR code for { $link }
code-download-svg = Download SVG
code-download-png = Download PNG
code-poster = Printable poster
code-poster-languages = in the stop's language where the page has it; or in
code-history = Where it has pointed
code-bring-back = Bring back
code-retire = Retire this code

## Visits
visits-heading = Visits
visits-help = People exclude bots and link previews, which are counted apart. Unique visitors are exact within a day and cannot be linked across days (the daily id's secret is deleted 48 hours later). At a venue many phones share one address, so uniques there undercount (scans are exact events); a phone that changes network counts twice.
visits-none = No visits yet.
visits-by-day = By day (UTC)
visits-day = Day
visits-people = People
visits-unique = Unique visitors
visits-scans = Scans
visits-links = Links
visits-bots = Bots and previews
visits-by-hour-summary = By hour, last 48 hours
visits-by-hour = By hour (UTC)
visits-hour = Hour (UTC)
visits-estimate = Distinct daily visitors, all days and codes together:
visits-by-language = By language:
visits-by-channel = By channel:
visits-by-device = By device:
visits-referrers = Referring sites:

## Ambassadors
ambassadors-new = New ambassador
ambassadors-add = Add ambassador

## An ambassador's page
ambassador-photo-alt = Photo of { $name }
ambassador-appointments = Appointments
none-recorded = None recorded.
remove = Remove
ambassador-appointment = Appointment
ambassador-appointment-example = Global goodwill ambassador
from = From
ambassador-until = Until (empty if ongoing)
ambassador-add-appointment = Add appointment
ambassador-channels = Channels
ambassador-channels-caption = Channels and follower counts
ambassador-platform = Platform
ambassador-handle = Handle
ambassador-followers-over-time = Followers over time
ambassador-handle-label = Handle or address
ambassador-followers = Followers
ambassador-counted-on = Counted on
ambassador-save-channel = Save channel
ambassador-bios = Biography by language
ambassador-save-bio = Save the biography in
ambassador-photo = Photo
ambassador-photo-file = JPEG, PNG or WebP, up to 5 MB
ambassador-upload-photo = Upload photo
rename = Rename

## Members
members-people = People with access to { $org }
members-email = Email
members-role = Role
members-since = Member since
members-actions = Actions
members-new-role = New role for { $email }
members-change-role = Change role
members-invitations = Invitations waiting for an answer
members-sent = Sent
members-link-until = Link works until
members-revoke = Revoke the invitation
members-invite = Invite someone
members-create-invite = Create invitation link

## Reports
nothing-imported = Nothing was imported:
report-period = Period
report-what = What
report-all-campaigns = All campaigns
report-all-ambassadors = All ambassadors
report-all-tours = All tours
report-all-stops = All events and stops
report-all-channels = All channels
report-show = Show
report-custom = Custom period
report-to = To
report-show-days = Show these days
report-compared = { $from } to { $to }, compared with the same number of days before.
report-pdf = Download the impact report (PDF)
report-as-csv = { $table } as CSV
report-import-impressions = Import social impressions (a platform's post export, CSV)
report-posts-campaign = Campaign the posts were about
choose = Choose
report-columns = Columns (optional: field=Column name, e.g. impressions=Views; reach=Accounts reached; link=Description)
report-dry-run = Dry run: check the file, change nothing
report-posts-once = Each post is kept once per platform: importing it again replaces its figures. A post whose text or link holds a Chorus short link counts at that code and its stop.
report-file = File
report-import = Import
report-import-attendance = Import attendance (CSV with the columns engagement, attendance, source)
period-campaign-to-date = Campaign to date
period-tour-to-date = Tour to date
period-all-to-date = All campaigns to date
period-this-tour = This tour
period-7-days = Last 7 days
period-30-days = Last 30 days
period-all-time = All time
chart-visits-per-stop = Visits per stop
chart-acted-per-day = Pledges and sign-ups per day
chart-gifts-per-day = Gifts per day

## How a figure is counted
method-back = Back to the report
method-rollups = Reports read hourly summaries kept up to date as visits, actions and gifts arrive. The records behind them are counted again below, straight from the records themselves; they are counted, never listed, because they are people.
method-records = The records behind it
method-stop = stop
method-days = { $from } to { $to } (UTC days).
method-records-column = Records
method-count = Count
method-choose-campaign = Choose a campaign in the report's filters to count the records behind this figure.

## Audit log
audit-intro = Every change to the staff and settings of { $org }, newest first (the latest { $limit }).
audit-records = Audit records
audit-when = When (UTC)
audit-who = Who

## Your organizations
orgs-heading = Your organizations
orgs-none = Your account does not belong to any organization yet. Ask an owner or admin to invite you.
records-visits = Visit records by people
records-scans = of which through a QR code
records-links = of which through a short link
records-visitor-days = Distinct visitor-days (exact, from the visit records)
records-actions = { $kind }, { $status }
records-gifts = Received gift records (succeeded)
action-pledge = Pledges
action-subscription = Sign-ups
action-status-pending = waiting for confirmation
action-status-confirmed = confirmed
action-status-spam = marked as spam
action-status-expired = expired unconfirmed

## Supporters
supporters-heading = Supporters of { $campaign }
supporters-mail-off = No SMTP server is configured (--smtp-url), so no confirmation email is sent. Each unconfirmed pledge or sign-up shows its confirmation link below; only following it counts it.
supporters-counts = Counts (public counters show confirmed ones only)
supporters-confirmed = Confirmed
supporters-waiting = Waiting for confirmation
supporters-search-label = Name or email contains
supporters-any = any
search = Search
export-csv = Export CSV
supporters-none = No pledges or sign-ups yet.
supporters-none-match = No pledges or sign-ups match.
supporters-actions = Pledges and sign-ups
supporters-supporter = Supporter
supporters-message = Message
supporters-came-through = Came through
supporters-busy = busy address
supporters-busy-title = Sent from an address with many submissions
supporters-confirm-link = confirmation link
supporters-public = shown publicly
supporters-page = the page
supporters-mark-spam = Mark ticked as spam
supporters-restore = Restore ticked
newer = Newer
older = Older
invalidate-heading = Invalidate a batch
invalidate-explained = Marks every pending or confirmed pledge or sign-up of this campaign that matches as spam; the counters are recomputed and the change is in the audit log. Addresses are never stored: an address matches only those of the last two days.
invalidate-by = Choose by
invalidate-ip = IP address
invalidate-address = Address
invalidate-domain-choice = Email domain
invalidate-domain = Domain
invalidate-window = Time window (UTC)
invalidate-submit = Mark as spam

## The venue screen
live-heading = Venue screen
live-at = The screen is at
live-explained = Open it full screen on the venue's display. Totals update within a second of each pledge, sign-up or gift. A supporter's name (if they agreed to show it) and message appear only once approved here.
live-waiting = Waiting for a decision
live-show = Show on the screen
live-keep-off = Keep off the screen
live-on-screen = On the screen
live-take-off = Take off the screen
live-gifts = Gifts on the screen
live-threshold = Show each gift of at least ({ $currency }, for the whole organization; empty: gifts only in the totals)

## Offline gifts and commitments
money-intro = Money that did not pass through the payment provider. Offline gifts are received money and count on progress bars and reports like any gift. Commitments and ticket levies are promises: they are listed apart, never added to money received, and become an offline gift when paid.
money-gifts = Offline gifts
none-yet = None yet.
money-reference = Reference
money-received = Received
money-method = Method
money-amount = Amount
money-note = Note
money-record-gift = Record an offline gift
money-event-optional = Event or stop (optional)
money-code-optional = Code (optional)
money-currency = Currency
money-received-on = Received on
money-reference-help = Reference (receipt or transfer number; blank makes one; the same reference again replaces the gift)
money-record-gift-button = Record the gift
money-import = Import offline gifts from a spreadsheet (CSV)
money-import-help = A header row with the columns date, amount, currency, campaign, reference and optionally method, engagement, touchpoint, note; campaign is the campaign's slug. A file with any bad row is refused whole, each problem named by line and column. Importing a reference again replaces that gift.
money-commitments = Commitments and ticket levies
money-promised = Promised and not yet paid:
money-not-received = not counted as received
money-announced = Announced
money-party = From
money-due = Due
money-paid-on = Paid on
money-mark-paid = Mark paid
cancel = Cancel
money-record-commitment = Record a commitment or ticket levy
money-commitment-option = Commitment (an amount announced by a company or government)
money-levy-option = Ticket levy (an amount per ticket sold at a stop, paid at settlement)
money-party-label = From (company, government or venue)
money-event-levy = Event or stop (required for a levy)
money-amount-commitment = Amount (a commitment)
money-per-ticket = Per ticket (a levy)
money-tickets = Tickets sold (a levy)
money-announced-on = Announced on
money-due-on = Due on (optional)
money-record = Record
commitment-kind-commitment = Commitment
commitment-kind-levy = Ticket levy
commitment-status-open = Open
commitment-status-paid = Paid
commitment-status-cancelled = Cancelled
gift-method-cash = Cash
gift-method-bank_transfer = Bank transfer
gift-method-matched = Matched gift
gift-method-other = Other

## Payments
payments-intro = Gifts are paid on the provider's own page: card details never reach Chorus. Keys are stored sealed and never shown again; leave a key field empty to keep the one already set.
payments-provider = Provider
payments-test = Test payments (no money moves; for the demo and development)
payments-publishable = Publishable key (pk_…)
payments-secret = Secret key (sk_… or a restricted rk_…)
payments-set-ends = set, ends in { $end }
payments-not-set = not set
payments-webhook-secrets = Webhook signing secrets (whsec_…, one per line; two while you roll one)
payments-secrets-set = { $count } set
payments-webhook-url = In Stripe, send webhook events to
payments-test-secret = The test provider makes its own secret.
payments-options = Currencies, preset amounts and minimum gift, one line per currency, like
payments-fee = "Cover the fee" adds this percentage (0 to 50)
payments-reporting = Reporting currency (gifts are converted into it at the rate of their day)
payments-gifts = Gifts
payments-reconcile = Reconcile with the provider's balance history
payments-monthly = Monthly gifts: { $active } active, { $ended } ended.
payments-payment = Payment
payments-in-reporting = In { $currency } (rate of the day)
payments-refunded = Refunded
payments-lost = Lost in disputes
payments-open-disputes = Open disputes
payments-monthly-mark = monthly
payments-webhooks = Latest webhook deliveries
payments-event = Event
payments-type = Type
payments-received-utc = Received (UTC)
payments-deliveries = Deliveries
gift-status-pending = Waiting for the provider
gift-status-succeeded = Received
gift-status-failed = Failed

## Reconciliation
reconcile-heading = Reconciliation
reconcile-intro = Chorus's gifts, refunds and lost disputes beside the payment provider's balance history ({ $imported } transactions imported). Fees and payouts are the provider's figures. Import the provider's itemized balance export from the period's start until today, so that later refunds and disputes of the period's gifts are in it too.
reconcile-balanced = No differences from { $from } to { $to }: Chorus and the provider agree to the cent.
reconcile-differ = Chorus and the provider differ from { $from } to { $to }; each difference is listed below.
reconcile-totals = Totals by currency and category
reconcile-category = Category
reconcile-difference = Difference
reconcile-by-payment = Differences by payment
reconcile-import = Import the provider's balance history (CSV)
reconcile-import-help = In Stripe: Reports → Balance → Balance change from activity → Download → Itemized. A file with any bad row is refused whole, each problem named by line and column; a transaction imported again replaces the one kept.
reconcile-gifts = Gifts
reconcile-refunds = Refunds
reconcile-disputes = Lost disputes
reconcile-fees = Fees
reconcile-payouts = Payouts
reconcile-other = Other
reconcile-only-in-Chorus = Only in Chorus
reconcile-only-at-the-provider = Only at the provider

## Signing in
login-heading = Log in
login-password = Password
login-forgotten = Forgotten your password?

## The second factor
login-code-heading = Log in: your code
login-code-label = The six digits your authenticator app shows, or a recovery code

## A forgotten password
forgot-heading = Forgotten password
forgot-sent = If a Chorus account has the address { $email }, a link to choose a new password is on its way to it. The link works once, within an hour. No email after a few minutes? Look in the spam folder, or ask again.
forgot-email = The email you sign in with
forgot-send = Email me a link
forgot-no-mail = This server sends no email. Ask the person who runs it for a link: on the server, this command prints one that works once, within an hour:
forgot-back = Back to sign-in

## A new password
reset-heading = Choose a new password
reset-new = New password
reset-help = At least 8 characters; a short sentence is easy to remember and hard to guess. Every session of the account ends when it is set.
reset-again = New password again
reset-set = Set the password
reset-dead = This link has been used or has expired.
reset-ask-again = Ask for a new one
login-done-logged-out = You are logged out.
login-done-logged-out-everywhere = You are logged out on every device.
login-done-password-set = Your new password is set, and every session of the account has ended. Log in with it.
login-wrong = The email or the password is wrong.
login-code-wrong = That code is not right, or was used already. Type the six digits your app shows now, or a recovery code.

## Your account, continued
account-recovery-codes = Your recovery codes
account-two-factor = Two-factor sign-in
account-scan = Scan this code with your authenticator app (or type the key), then type the six digits it shows.
account-key = Key:
account-code-from-app = Code from the app
account-turn-on = Turn on two-factor sign-in
account-on = On: signing in asks for a code from your authenticator app. Recovery codes left: { $left }.
account-your-password = Your password
account-code-or-recovery = A code from the app, or a recovery code
account-turn-off = Turn off two-factor sign-in
account-off = Off. With it on, signing in also asks for a code from an authenticator app on your phone.
account-set-up = Set up two-factor sign-in
account-email = Sign-in email
account-new-email = New email
account-change-email = Change email
account-current-password = Current password
account-change-password = Change password
account-code-not-now = That code is not the one your app shows now; type the current six digits.
account-two-factor-on = Two-factor sign-in is on. Keep these recovery codes somewhere safe: each opens your account once if your phone is lost, and they are shown only now.
account-two-factor-off = Two-factor sign-in is off.
account-password-changed = Your password is changed; your other sessions have ended.
account-email-taken = Another account signs in with that email.
account-email-changed = Your sign-in email is changed; use it next time you log in.
account-too-many = Too many wrong attempts; wait a minute and try again.
account-code-wrong = The code from your authenticator app (or a recovery code) is needed, and that one is not right.
account-password-wrong = Your current password is not right.
saved-created = Created. Everything else about it is below.
saved-settings = Saved: the settings.
saved-text = Saved: the text.
saved-image = Saved: the image.
saved-status = Saved: the status.
saved-archived = Saved: whether it is archived.
saved-links = Saved: what it is linked to.
saved-transparency = Saved: the transparency page.
saved-access = Saved: who has access, and with which role.
saved-languages = Saved: the words in other languages.
stop-added = Stop added: { $stop }.
stop-added-no-campaign = It supports no campaign yet: choose on its page.
stop-added-campaigns = Like the tour's other stops, it supports { $count } campaign(s); change that on its page.
codes-created-per-stop = Created { $count } code(s), one per stop.
codes-kept = These stops already had one, which they keep: { $stops }.
codes-repointed = Re-pointed { $count } code(s). The change applies to the next scan; undo it below if needed.
members-invited = Invitation created for { $email } as { $role }. Send them this link; it works once, within 7 days:
members-revoked = The invitation is revoked: its link no longer works.
payments-saved = Payment settings saved.

## An invitation
invite-join = Join { $org }
invite-invited = You have been invited to { $org } as { $role }, with the email address { $email }.
invite-existing = You already have a Chorus account. Enter its password to accept.
invite-choose-password = Choose a password
invite-password-help = At least 8 characters; a short sentence is easy to remember and hard to guess.
invite-password-again = Password again
invite-accept = Accept the invitation
invite-wrong-password = That is not the password of this account.

## The front page
landing-intro = Chorus turns a goodwill ambassador's audience into measured support for a humanitarian cause: campaigns in many languages, tours and events, links and QR codes, pledges and gifts, and honest reports.
landing-login = Staff sign-in

## Setting up
setup-heading = Set up Chorus
setup-intro = Create your organization and its first owner account. This link works once.
setup-correct = Please correct the following:
setup-org-name = Organization name
setup-org-slug = Short name for web addresses
setup-slug-help = Lower-case letters, digits and hyphens; campaign pages will live under it, for example
setup-email = Your email
setup-create = Create the organization and the account
go-live-title = A title, in at least one language
go-live-title-and-text = A title and text in { $language }
go-live-money-goal = A money goal, so that the page shows progress
go-live-hero-image = A hero image
go-live-call-to-action = A call to action beside the pledge form
go-live-payments = Payments set up, so that people can give
go-live-refused = Before it goes live, the page needs this: { $need }.
supporters-marked-spam = { $count } pledge(s) or sign-up(s) marked as spam; counters recomputed.
supporters-restored = { $count } pledge(s) or sign-up(s) restored; counters recomputed.
live-shown = { $count } shown on the venue screen.
live-kept-off = { $count } kept off the venue screen.
sign-in-warning = Since your previous sign-in, { $count } attempt(s) to sign in to your account failed (the last at { $last }). If that was not you, change your password.
import-posts-dry-run = Dry run: { $count } posts would be imported ({ $linked } linked to a code); nothing was changed.
import-posts-done = Imported { $count } posts ({ $linked } linked to a code); posts imported before were replaced.
import-attendance-dry-run = Dry run: the attendance of { $count } events would be set; nothing was changed.
import-attendance-done = Set the attendance of { $count } events.
money-gift-recorded = Offline gift { $reference } of { $amount } recorded.
money-import-dry-run = Dry run: { $count } gifts would be recorded; nothing was changed.
money-imported = Imported { $count } offline gifts.
money-commitment-recorded = { $kind } of { $amount } from { $party } recorded; it is not counted as received until paid.
money-marked-paid = Marked paid: its money is now an offline gift.
money-cancelled = Cancelled.
reconcile-imported = Imported { $count } balance transactions.
