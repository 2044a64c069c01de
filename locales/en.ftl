# Interface strings of the public pages, English (the reference: every key exists here).
# A message about a number of things chooses its plural form by `$form` (the count's CLDR
# category: zero, one, two, few, many, other) and shows `$number`: see `i18n::counted`.
skip-to-content = Skip to content
org-campaigns = Campaigns of { $org }
no-live-campaigns = There are no live campaigns right now. Please come back soon.
open-campaign = Open the campaign
campaign-ended = This campaign has ended. Thank you to everyone who took part; here are its results.
kind-awareness = Awareness campaign
kind-fundraising = Fundraising campaign
kind-emergency_appeal = Emergency appeal
progress-heading = Progress toward the goal
raised-of-goal = { $raised } raised of { $goal }
actions-of-goal = { $count } of { $goal } actions
dates-range = { $start } – { $end }
dates-from = From { $start }
with-ambassadors = With
events-heading = Events
event-at = { $venue }, { $city }
languages-heading = Read this page in
story-heading = The story
footer-privacy = This page sets no cookies and loads nothing from other websites.
page-not-found = Page not found
page-not-found-text = There is no page at this address. It may have moved or ended.
act-pledge = Sign the pledge
act-subscribe = Get updates
pledges-count = { $form ->
    [one] confirmed signature
   *[other] confirmed signatures
}
pledge-heading = Sign the pledge
subscribe-heading = Get updates from { $org }
field-name = Your name
field-email = Email
field-country = Country
field-message = A message (optional, up to 280 characters)
field-show-name = Show my name and message publicly
field-also-subscribe = Also send me updates about this campaign
consent-pledge = I sign this pledge. { $org } keeps my name, email and country to count my signature, and will email me once to confirm it. I can ask for my data to be deleted at any time.
consent-subscription = Send me updates about this campaign by email. { $org } keeps my email for this purpose only, and every email has a link to stop them.
button-pledge = Sign
button-subscribe = Subscribe
form-fix = Please correct the following:
error-name = Please enter your name (up to 100 characters).
error-email = Please enter a valid email address, like name@example.org.
error-country = Please enter your country (up to 60 characters).
error-message = The message can be up to 280 characters, without control characters.
error-consent = Please tick the box to agree.
error-too-old = This form had expired. Here is a fresh one: please send it again.
error-ended = This campaign has ended and no longer takes signatures.
error-busy = Many people are signing right now. Please send the form again in a minute: your answers are kept below.
thanks-heading = Thank you!
thanks-text = Check your email: we sent you a link to confirm. You are counted once you open it.
thanks-text-unmailed = We have received your form. It is counted once it has been confirmed.
confirmed-heading = Confirmed. Thank you!
confirmed-text = Your support is now counted.
confirm-invalid = This confirmation link is not valid or has expired.
back-to-campaign = Back to the campaign
offline-saved = No connection right now. Your form is saved on this phone and will be sent as soon as you are back online.
offline-sent = Your saved form has been sent. Thank you!
offline-sending = Sending…
offline-busy = The campaign is very busy right now. Your form is saved on this phone and will be sent in a moment.
offline-refused = Your saved form could not be sent. Please fill in the form again.
mail-confirm-subject-pledge = Please confirm your signature: { $campaign }
mail-confirm-subject-subscription = Please confirm your sign-up for updates: { $campaign }
mail-confirm-subject-both = Please confirm your signature and your sign-up for updates: { $campaign }
mail-confirm-body = Hello{ $name },
    thank you for taking part in "{ $campaign }" with { $org }.
    { $links }
    If this was not you, ignore this message: nothing will be counted.
mail-confirm-link-pledge = To confirm your signature, open this link (valid for 7 days):
mail-confirm-link-subscription = To confirm that you want updates, open this link (valid for 7 days):
error-proof-of-work = This form needs JavaScript to show you are a person. Please enable it and send the form again.
act-donate = Donate
donors-count = { $form ->
    [one] donor (refunded gifts not counted)
   *[other] donors (refunded gifts not counted)
}
donate-heading = Make a gift
field-currency = Currency
field-amount = Amount
field-other-amount = Other amount
field-frequency = How often
frequency-once = Once
frequency-monthly = Every month
field-cover-fee = Add { $percent } % so that my whole gift arrives after the card fee
donate-secure = You pay on our payment provider's secure page: your card details never reach us.
button-donate = Continue to payment
error-gift-currency = Please choose one of the listed currencies.
error-gift-amount = Please enter an amount like 25 or 25.50.
error-gift-minimum = The smallest gift is { $amount }.
error-gift-maximum = The largest gift online is { $amount }.
error-gift-unavailable = Gifts cannot be made online here yet.
error-gift-provider = The payment service did not answer. Nothing was charged; please try again in a moment.
error-gift-busy = Many gifts are being started right now. Please try again in a minute.
gift-thanks-heading = Thank you for your gift!
gift-thanks-text = Your payment is being confirmed. Your receipt comes by email from our payment provider.
# Impact reports (dashboard, PDF, transparency page)
report-title = Impact report
report-period = { $from } to { $to }
report-generated = Figures as of { $date }
report-reach-note = People reached is shown in its parts and never added into one number: the same person may have attended, seen a post and visited the page.
report-about = about { $value }
report-key-figures = Key figures
report-figure = Figure
report-this-period = This period
report-previous-period = Previous period
report-change = Change
report-method = How it is counted
fig-attendance = In-person attendance
fig-impressions = Social impressions
fig-social-reach = Social reach
fig-visits = Visits
fig-unique-visitors = Unique online visitors
fig-scans = QR code scans
fig-links = Link clicks
fig-pledges = Pledges
fig-pledges-confirmed = Confirmed pledges
fig-subscriptions = Sign-ups for updates
fig-gifts = Gifts
fig-money = Money received
fig-money-in = Money received in { $currency }
fig-unvalued = Gifts not yet valued
method-attendance = Venue counts, ticket scanners or estimates entered per event; each stop names its source.
method-impressions = The platforms' own figures, imported from their exports. Not people: one person can see a post many times.
method-social-reach = The platforms' own count of accounts reached per post (impressions where a platform gives none), added over posts: not deduplicated.
method-visits = Visits by people through links, QR codes and the campaign page; bots and link previews are left out.
method-unique-visitors = A HyperLogLog estimate (±{ $error } % standard error) of distinct visitors per day, added over days: someone who visits on two days counts twice. No cookie and no IP address are kept.
method-scans = Visits that came through a printed QR code.
method-links = Visits that came through a short link.
method-pledges = Pledges not marked as spam and not expired, confirmed by email or not yet.
method-pledges-confirmed = Pledges whose signer confirmed their email address.
method-subscriptions = Sign-ups for updates, not marked as spam and not expired.
method-gifts = Gifts received online and offline whose money was kept: a gift refunded in full or lost in a dispute is not counted; partial refunds and lost disputes come off the amounts.
method-money = Each gift valued in { $currency } at the exchange rate of its own day, less refunds and lost disputes.
method-money-in = Gifts in this currency, less refunds and lost disputes, before any conversion.
method-unvalued = Gifts whose day has no exchange rate yet: counted in their own currency, not in the total.
report-funnel = From reach to gifts
report-step = Step
report-conversion = Rate
step-visited = Visited (unique visitors)
step-acted = Acted (pledges and sign-ups)
step-donated = Gave (gifts with money kept)
report-stops = Per stop
report-stop = Stop
report-date = Date
report-city = City
report-source = Source
report-not-at-stop = Not tied to a stop
report-channels = Per channel
report-channel = Channel
report-days = Day by day
report-day = Day
report-actions = Actions
# The live tally on the venue screen
live-totals = Totals
live-raised = raised
live-progress = Progress toward the goal
live-goal = Goal:
live-scan = Scan to add your name
live-latest = Latest supporters
live-anonymous = A supporter
live-gift = A new gift
live-reconnecting = Reconnecting…
report-all-campaigns = All campaigns
report-synthetic = These figures come from the demo's synthetic data: invented for illustration, not real people or money.
transparency-title = How this campaign is doing, and how we count
transparency-intro = Every figure below is counted from the campaign's own records and the platforms' imported figures, the same figures the organization reports to its board. No supporter is named here.
fig-promised-in = Commitments and levies not yet paid, in { $currency }
method-promised-in = Money partners announced, and levies owed per ticket sold at a stop: listed apart and never added to money received until paid, when they become gifts.

# Funnel of figures of one kind; confirmed sign-ups.
fig-subscriptions-confirmed = Confirmed sign-ups
method-subscriptions-confirmed = Sign-ups for updates whose subscriber confirmed their email address.
report-number = Number
report-rate-of = Rate of
step-attended = Attended (in person, at the stops)
step-social-reach = Reached on social media (accounts)
step-scanned = Scanned a QR code
funnel-basis-attendance = of attendance
funnel-basis-unique-visitors = of unique visitors
method-funnel-attended = Attendance the stops reported
method-funnel-social-reach = The platforms' own figures, imported
method-funnel-scanned = Visits through a printed QR code
method-funnel-visited = Estimate (±{ $error } %), online, from every channel
method-funnel-acted = Pending or confirmed
method-funnel-donated = Online and offline
thanks-standing = { $form ->
    [one] { $number } person has confirmed their signature so far.
   *[other] { $number } people have confirmed their signature so far.
}
confirmed-first = Yours is the first confirmed signature.
supporter-number = You are supporter no. { $number }.
confirmed-standing = { $form ->
   *[other] You are now one of { $number } confirmed signatures.
}
test-checkout-title = Test payment
test-checkout-note-heading = Test payments — no money moves.
test-checkout-note = This page stands in for the payment provider's checkout in the demo and in development. It sends the provider's webhook events, signed, to Chorus.
test-checkout-pay = Pay with a test card that is accepted
test-checkout-decline = Try a test card that is declined
test-checkout-cancel = Cancel and go back
test-checkout-declined = The test card was declined. Nothing was charged; you can try again.
share-heading = Bring a friend along
share-text = I just joined “{ $campaign }”. Will you?
share-button = Share
share-email = Email
share-link = The link to the campaign
share-copy = Copy the link
share-copied = Copied

# Channels: where a code or link was put (reports name them so)
channel-venue_qr = Venue QR code
channel-stage_screen = Stage screen
channel-instagram_post = Instagram post
channel-youtube_description = YouTube description
channel-tiktok_post = TikTok post
channel-vk_post = VK post
channel-telegram_post = Telegram post
channel-weibo_post = Weibo post
channel-whatsapp_channel = WhatsApp channel
channel-newsletter = Newsletter
channel-merchandise = Merchandise
channel-other = Other
channel-direct = Direct (no code)
