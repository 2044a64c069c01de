# L'interface de l'équipe, en français. Mêmes clés que en.ftl, dans le même ordre.

## Le cadre des pages
skip-to-content = Aller au contenu
nav-campaigns = Campagnes
nav-ambassadors = Ambassadeurs
nav-tours = Tournées et événements
nav-touchpoints = Liens et codes QR
nav-reports = Rapports
nav-money = Dons hors ligne et engagements
nav-members = Membres
nav-payments = Paiements
nav-audit = Journal d'audit
menu-switch-org = Changer d'organisation
menu-account = Votre compte et la connexion
menu-log-out = Se déconnecter
menu-log-out-everywhere = Se déconnecter sur tous les appareils
save = Enregistrer

## Rôles
role-owner = Propriétaire
role-admin = Administrateur
role-campaign_manager = Responsable de campagne
role-ambassador_team = Équipe de l'ambassadeur
role-viewer = Lecteur

## Le tableau de bord de l'organisation
dashboard-mail-off = L'e-mail est désactivé : ce serveur n'a pas de --smtp-url, les soutiens ne reçoivent donc pas d'e-mail de confirmation. Leurs liens de confirmation figurent sur la page Soutiens de chaque campagne.
dashboard-since-start = Depuis le début de la campagne : { $period }, comparé au même nombre de jours auparavant.
dashboard-full-report = Le rapport complet
dashboard-how-counted = Comment c'est compté
dashboard-signed-in-as = Vous êtes connecté en tant que { $email }, { $role } de cette organisation.
dashboard-members = Membres
dashboard-created = Créée le
dashboard-public-page = Page publique
dashboard-members-and-roles = Membres et rôles
dashboard-settings = Réglages
dashboard-languages = Langues de travail de l'organisation : les pages publiques les proposent, les formulaires de campagne et d'ambassadeur demandent un texte dans chacune
dashboard-default-language = Langue par défaut des pages publiques (l'une d'elles)
dashboard-save-settings = Enregistrer les réglages
dashboard-sign-in = Connexion
dashboard-require-two-factor = Les membres se connectent avec deux facteurs (un code d'une application d'authentification)
summary-raised = { $raised } collectés sur { $goal }
summary-visits-chart = Visites par jour (un jour sans visite compte zéro)
summary-money-chart = Fonds reçus par étape, dans la devise des rapports
summary-scans-chart = Scans QR par étape

## Votre compte
account-title = Votre compte
account-signed-in-as = Connecté en tant que { $email }.
account-language = Langue de ces pages
account-language-label = Les pages de l'équipe en
account-language-browser = La langue du navigateur
account-language-saved = Enregistré : ces pages sont désormais en français.
account-language-unknown = Langue : choisissez l'anglais, le français ou l'espagnol, ou celle du navigateur.

## Campagnes
item-archived = archivée
campaigns-not-created = La campagne n'a pas été créée :
campaigns-none = Aucune campagne pour l'instant.
campaigns-campaign = Campagne
campaigns-status = État
campaigns-raised = Collecté
campaigns-signatures = Signatures confirmées
campaigns-languages = Langues
campaigns-new = Nouvelle campagne
campaigns-new-title = Titre de la page publique, dans sa langue par défaut (facultatif pour l'instant : écrivez-le, ainsi que les autres langues, sur la page de la campagne)
campaigns-create = Créer la campagne
campaign-slug = Identifiant (adresse web)
campaign-slug-help = Lettres minuscules, chiffres et tirets ; l'adresse de la page :
campaign-name = Nom (pour les pages de l'équipe et les rapports ; la page publique affiche son titre)
campaign-kind = Type
campaign-goals = Objectifs (l'un ou les deux)
campaign-goal-money = Objectif financier
campaign-goal-currency = Devise (ISO 4217)
campaign-goal-actions = Objectif d'actions (signatures, inscriptions)
campaign-start = Début
campaign-end = Fin
campaign-default-language = Langue par défaut
kind-awareness = Sensibilisation
kind-fundraising = Collecte de fonds
kind-emergency_appeal = Appel d'urgence
status-draft = Brouillon
status-live = En ligne
status-closed = Close

## La page d'une campagne
campaign-public-page = Page publique :
campaign-drafts-private = Les brouillons ne sont pas publics.
nothing-changed = Rien n'a été modifié :
checklist-heading = Avant la mise en ligne
checklist-done = Fait :
checklist-missing = Manquant :
checklist-required = obligatoire
campaign-preview = Voir la page telle que le public la verra :
campaign-close-explained = Clore la campagne arrête les signatures, inscriptions et dons sur sa page ; la page reste, avec ses résultats. Vous pouvez la rouvrir.
campaign-close-confirm = Oui, la clore
restore = Restaurer
archive = Archiver
campaign-archive-explained = L'archivage retire la campagne de toutes les listes et sa page du web ; ses chiffres restent dans les rapports. Vous pouvez la restaurer.
archive-confirm = Oui, l'archiver
campaign-supporters = Soutiens : signatures et inscriptions
campaign-venue-screen = Écran de salle : décompte en direct et messages
campaign-report = Rapport
transparency-line = Page publique de transparence (totaux, chaque étape et la façon dont chaque chiffre est compté ; aucun nom) :
state-on = activée
state-off = désactivée
transparency-turn-off = La désactiver
transparency-publish = La publier
content-heading = Texte de la page par langue
content-written = rédigé
content-missing = manquant
content-visitors-get = les visiteurs voient la version en
content-title = Titre
content-summary = Résumé
content-story = Récit (Markdown)
content-cta = Appel à l'action
content-save = Enregistrer le texte en
campaign-ambassadors = Ambassadeurs impliqués
campaign-no-ambassadors = Aucun ambassadeur pour l'instant.
add-one = En ajouter un
campaign-save-ambassadors = Enregistrer les ambassadeurs
hero-heading = Image principale
hero-current = Image principale actuelle
hero-file = JPEG, PNG ou WebP, jusqu'à 5 Mo (mis à 1 200 pixels de large)
upload-image = Envoyer l'image
move-reopen = Rouvrir
move-go-live = Mettre en ligne
move-close = Clore la campagne
move-draft = Revenir au brouillon

## La page d'une tournée
tour-stops = Étapes
tour-add-stop = Ajouter une étape à cette tournée
tour-add-stop-button = Ajouter l'étape
tour-heading = Tournée
tour-save = Enregistrer la tournée

## Les champs d'une tournée
tour-name = Nom
tour-ambassador = Ambassadeur
choice-none = aucun

## Les champs d'un événement
event-stands-alone = hors tournée
event-venue = Lieu
event-city = Ville
event-country = Pays (code à deux lettres)
event-time-zone = Fuseau horaire du lieu (tapez une ville pour choisir, p. ex. Berlin)
event-starts = Début (heure locale du lieu)
event-capacity = Capacité
event-attendance = Fréquentation déclarée
event-attendance-source = Source du chiffre de fréquentation

## Listes d'événements
events-none = Aucun événement pour l'instant.
events-and-stops = Événements et étapes
events-when = Quand (heure locale)
events-event = Événement
events-where = Où
events-attendance = Fréquentation

## Tournées et événements
nothing-created = Rien n'a été créé :
tours-heading = Tournées
tours-none = Aucune tournée pour l'instant.
events-stops-explained = Un événement d'une tournée est l'une de ses étapes.
tours-new = Nouvelle tournée
tours-create = Créer la tournée
events-new = Nouvel événement
events-create = Créer l'événement

## La page d'un événement
event-campaigns = Campagnes qu'il soutient
event-save-campaigns = Enregistrer les campagnes
event-details = Détails
event-save = Enregistrer l'événement
event-languages = Dans les autres langues
event-languages-hint = Les pages de campagne et les affiches dans ces langues affichent ces textes ; laissés vides, elles affichent le titre, le lieu et la ville de l'événement.
event-languages-none = Votre organisation travaille dans une seule langue. Ajoutez des langues dans ses réglages pour nommer les événements dans chacune.
event-save-languages = Enregistrer les autres langues
event-kind-concert = Concert
event-kind-performance = Spectacle
event-kind-meeting = Réunion
event-kind-council_session = Séance de conseil
event-kind-media = Passage dans les médias
event-kind-other = Autre

## Liens et codes QR
codes-none = Aucun lien ni code pour l'instant.
codes-caption = Liens et codes
select = Choisir
codes-code = Code et lien
codes-channel = Canal
codes-stop = Événement ou étape
codes-opens = Ouvre
codes-visits = Visites
codes-scans = Scans QR
codes-retired = retiré
copied = Copié
copy-link = Copier le lien
repoint-legend = Rediriger un groupe
repoint-which = Quels codes
repoint-ticked = Ceux cochés ci-dessus
repoint-tour = Tous les codes de la tournée { $tour }
repoint-ambassador = Tous les codes de { $name }
repoint-to = Les envoyer vers
repoint = Rediriger
repoint-history = Historique des redirections
repoint-line = { $at } : { $count } code(s) envoyé(s) vers { $campaign } par { $actor }
repoint-undone = annulé
undo = Annuler
codes-campaign-first = Créez d'abord une campagne : chaque code ouvre une campagne.
codes-new = Nouveau lien et code
codes-opens-campaign = Ouvre la campagne
codes-label = Libellé
codes-label-example = Affiche près de l'entrée principale
codes-create = Créer le lien et le code
codes-per-stop = Un code par étape d'une tournée
codes-per-stop-create = Créer un code pour chaque étape qui n'en a pas

## La page d'un code
code-heading = Code
code-link = Lien :
code-qr-link = Code QR (compte les scans) :
code-qr-alt = Code QR pour { $link }
code-download-svg = Télécharger en SVG
code-download-png = Télécharger en PNG
code-poster = Affiche à imprimer
code-poster-languages = dans la langue de l'étape quand la page l'a ; ou en
code-history = Où il a pointé
code-bring-back = Le remettre en service
code-retire = Retirer ce code

## Visites
visits-heading = Visites
visits-help = Les personnes excluent les robots et les aperçus de liens, comptés à part. Les visiteurs uniques sont exacts sur une journée et ne peuvent pas être reliés d'un jour à l'autre (le secret de l'identifiant du jour est effacé 48 heures plus tard). Dans une salle, beaucoup de téléphones partagent une adresse, donc les uniques y sont sous-comptés (les scans sont des événements exacts) ; un téléphone qui change de réseau compte deux fois.
visits-none = Aucune visite pour l'instant.
visits-by-day = Par jour (UTC)
visits-day = Jour
visits-people = Personnes
visits-unique = Visiteurs uniques
visits-scans = Scans
visits-links = Liens
visits-bots = Robots et aperçus
visits-by-hour-summary = Par heure, sur les 48 dernières heures
visits-by-hour = Par heure (UTC)
visits-hour = Heure (UTC)
visits-estimate = Visiteurs quotidiens distincts, tous jours et codes confondus :
visits-by-language = Par langue :
visits-by-channel = Par canal :
visits-by-device = Par appareil :
visits-referrers = Sites d'origine :

## Ambassadeurs
ambassadors-new = Nouvel ambassadeur
ambassadors-add = Ajouter l'ambassadeur

## La page d'un ambassadeur
ambassador-photo-alt = Photo de { $name }
ambassador-appointments = Nominations
none-recorded = Rien d'enregistré.
remove = Retirer
ambassador-appointment = Nomination
ambassador-appointment-example = Ambassadeur de bonne volonté mondial
from = Du
ambassador-until = Au (vide si en cours)
ambassador-add-appointment = Ajouter la nomination
ambassador-channels = Canaux
ambassador-channels-caption = Canaux et nombre d'abonnés
ambassador-platform = Plateforme
ambassador-handle = Identifiant
ambassador-followers-over-time = Abonnés dans le temps
ambassador-handle-label = Identifiant ou adresse
ambassador-followers = Abonnés
ambassador-counted-on = Compté le
ambassador-save-channel = Enregistrer le canal
ambassador-bios = Biographie par langue
ambassador-save-bio = Enregistrer la biographie en
ambassador-photo = Photo
ambassador-photo-file = JPEG, PNG ou WebP, jusqu'à 5 Mo
ambassador-upload-photo = Envoyer la photo
rename = Renommer

## Membres
members-people = Personnes ayant accès à { $org }
members-email = E-mail
members-role = Rôle
members-since = Membre depuis
members-actions = Actions
members-new-role = Nouveau rôle pour { $email }
members-change-role = Changer le rôle
members-invitations = Invitations en attente de réponse
members-sent = Envoyée
members-link-until = Lien valable jusqu'au
members-revoke = Révoquer l'invitation
members-invite = Inviter quelqu'un
members-create-invite = Créer un lien d'invitation

## Rapports
nothing-imported = Rien n'a été importé :
report-period = Période
report-what = Quoi
report-all-campaigns = Toutes les campagnes
report-all-ambassadors = Tous les ambassadeurs
report-all-tours = Toutes les tournées
report-all-stops = Tous les événements et étapes
report-all-channels = Tous les canaux
report-show = Afficher
report-custom = Période personnalisée
report-to = Au
report-show-days = Afficher ces jours
report-compared = Du { $from } au { $to }, comparé au même nombre de jours auparavant.
report-pdf = Télécharger le rapport d'impact (PDF)
report-as-csv = { $table } en CSV
report-import-impressions = Importer des impressions sur les réseaux (l'export des publications d'une plateforme, CSV)
report-posts-campaign = Campagne dont parlaient les publications
choose = Choisir
report-columns = Colonnes (facultatif : champ=Nom de colonne, p. ex. impressions=Views ; reach=Accounts reached ; link=Description)
report-dry-run = Essai : vérifier le fichier sans rien changer
report-posts-once = Chaque publication est gardée une fois par plateforme : la réimporter remplace ses chiffres. Une publication dont le texte ou le lien contient un lien court Chorus compte pour ce code et son étape.
report-file = Fichier
report-import = Importer
report-import-attendance = Importer la fréquentation (CSV avec les colonnes engagement, attendance, source)
period-campaign-to-date = Campagne jusqu'à ce jour
period-tour-to-date = Tournée jusqu'à ce jour
period-all-to-date = Toutes les campagnes jusqu'à ce jour
period-this-tour = Cette tournée
period-7-days = 7 derniers jours
period-30-days = 30 derniers jours
period-all-time = Depuis le début
chart-visits-per-stop = Visites par étape
chart-acted-per-day = Signatures et inscriptions par jour
chart-gifts-per-day = Dons par jour

## Comment un chiffre est compté
method-back = Retour au rapport
method-rollups = Les rapports lisent des résumés horaires tenus à jour à mesure qu'arrivent visites, actions et dons. Les enregistrements qui les fondent sont recomptés ci-dessous, directement depuis les enregistrements eux-mêmes ; ils sont comptés, jamais listés, car ce sont des personnes.
method-records = Les enregistrements qui le fondent
method-stop = étape
method-days = du { $from } au { $to } (jours UTC).
method-records-column = Enregistrements
method-count = Nombre
method-choose-campaign = Choisissez une campagne dans les filtres du rapport pour compter les enregistrements qui fondent ce chiffre.

## Journal d'audit
audit-intro = Chaque changement de l'équipe et des réglages de { $org }, du plus récent au plus ancien (les { $limit } derniers).
audit-records = Enregistrements d'audit
audit-when = Quand (UTC)
audit-who = Qui

## Vos organisations
orgs-heading = Vos organisations
orgs-none = Votre compte n'appartient encore à aucune organisation. Demandez à un propriétaire ou un administrateur de vous inviter.
records-visits = Visites de personnes enregistrées
records-scans = dont par un code QR
records-links = dont par un lien court
records-visitor-days = Jours-visiteurs distincts (exacts, d'après les visites enregistrées)
records-actions = { $kind }, { $status }
records-gifts = Dons reçus enregistrés (réussis)
action-pledge = Signatures
action-subscription = Inscriptions
action-status-pending = en attente de confirmation
action-status-confirmed = confirmées
action-status-spam = marquées comme indésirables
action-status-expired = expirées sans confirmation

## Soutiens
supporters-heading = Soutiens de { $campaign }
supporters-mail-off = Aucun serveur SMTP n'est configuré (--smtp-url) : aucun e-mail de confirmation n'est envoyé. Chaque signature ou inscription non confirmée montre ci-dessous son lien de confirmation ; seul le suivre la compte.
supporters-counts = Nombres (les compteurs publics ne montrent que les confirmés)
supporters-confirmed = Confirmées
supporters-waiting = En attente de confirmation
supporters-search-label = Le nom ou l'e-mail contient
supporters-any = tous
search = Rechercher
export-csv = Exporter en CSV
supporters-none = Aucune signature ni inscription pour l'instant.
supporters-none-match = Aucune signature ni inscription ne correspond.
supporters-actions = Signatures et inscriptions
supporters-supporter = Soutien
supporters-message = Message
supporters-came-through = Venu par
supporters-busy = adresse très active
supporters-busy-title = Envoyé depuis une adresse à l'origine de nombreux envois
supporters-confirm-link = lien de confirmation
supporters-public = affiché publiquement
supporters-page = la page
supporters-mark-spam = Marquer les cochés comme indésirables
supporters-restore = Restaurer les cochés
newer = Plus récents
older = Plus anciens
invalidate-heading = Invalider un lot
invalidate-explained = Marque comme indésirable chaque signature ou inscription en attente ou confirmée de cette campagne qui correspond ; les compteurs sont recalculés et le changement figure dans le journal d'audit. Les adresses ne sont jamais conservées : une adresse ne correspond qu'à celles des deux derniers jours.
invalidate-by = Choisir par
invalidate-ip = Adresse IP
invalidate-address = Adresse
invalidate-domain-choice = Domaine de l'e-mail
invalidate-domain = Domaine
invalidate-window = Plage horaire (UTC)
invalidate-submit = Marquer comme indésirables

## L'écran de salle
live-heading = Écran de salle
live-at = L'écran est à l'adresse
live-explained = Ouvrez-le en plein écran sur l'affichage de la salle. Les totaux se mettent à jour dans la seconde qui suit chaque signature, inscription ou don. Le nom d'un soutien (s'il a accepté de l'afficher) et son message n'apparaissent qu'une fois approuvés ici.
live-waiting = En attente d'une décision
live-show = Afficher à l'écran
live-keep-off = Ne pas afficher
live-on-screen = À l'écran
live-take-off = Retirer de l'écran
live-gifts = Dons à l'écran
live-threshold = Afficher chaque don d'au moins ({ $currency }, pour toute l'organisation ; vide : les dons seulement dans les totaux)

## Dons hors ligne et engagements
money-intro = Des fonds qui ne sont pas passés par le prestataire de paiement. Les dons hors ligne sont des fonds reçus et comptent dans les barres de progression et les rapports comme tout don. Les engagements et les prélèvements sur billets sont des promesses : ils sont listés à part, jamais ajoutés aux fonds reçus, et deviennent un don hors ligne une fois payés.
money-gifts = Dons hors ligne
none-yet = Rien pour l'instant.
money-reference = Référence
money-received = Reçu le
money-method = Moyen
money-amount = Montant
money-note = Note
money-record-gift = Enregistrer un don hors ligne
money-event-optional = Événement ou étape (facultatif)
money-code-optional = Code (facultatif)
money-currency = Devise
money-received-on = Reçu le
money-reference-help = Référence (numéro de reçu ou de virement ; vide en crée une ; la même référence remplace le don)
money-record-gift-button = Enregistrer le don
money-import = Importer des dons hors ligne depuis un tableur (CSV)
money-import-help = Une ligne d'en-tête avec les colonnes date, amount, currency, campaign, reference et, au choix, method, engagement, touchpoint, note ; campaign est l'identifiant de la campagne. Un fichier avec une seule ligne fautive est refusé en entier, chaque problème nommé par ligne et colonne. Réimporter une référence remplace ce don.
money-commitments = Engagements et prélèvements sur billets
money-promised = Promis et pas encore payé :
money-not-received = non compté comme reçu
money-announced = Annoncé le
money-party = De
money-due = Échéance
money-paid-on = Payé le
money-mark-paid = Marquer payé
cancel = Annuler
money-record-commitment = Enregistrer un engagement ou un prélèvement sur billets
money-commitment-option = Engagement (un montant annoncé par une entreprise ou un gouvernement)
money-levy-option = Prélèvement sur billets (un montant par billet vendu à une étape, payé au règlement)
money-party-label = De (entreprise, gouvernement ou salle)
money-event-levy = Événement ou étape (obligatoire pour un prélèvement)
money-amount-commitment = Montant (un engagement)
money-per-ticket = Par billet (un prélèvement)
money-tickets = Billets vendus (un prélèvement)
money-announced-on = Annoncé le
money-due-on = Échéance (facultatif)
money-record = Enregistrer
commitment-kind-commitment = Engagement
commitment-kind-levy = Prélèvement sur billets
commitment-status-open = Ouvert
commitment-status-paid = Payé
commitment-status-cancelled = Annulé
gift-method-cash = Espèces
gift-method-bank_transfer = Virement
gift-method-matched = Don abondé
gift-method-other = Autre

## Paiements
payments-intro = Les dons se paient sur la page du prestataire : les données de carte n'atteignent jamais Chorus. Les clés sont conservées scellées et jamais réaffichées ; laissez un champ de clé vide pour garder celle déjà en place.
payments-provider = Prestataire
payments-test = Paiements de test (aucun argent ne circule ; pour la démo et le développement)
payments-publishable = Clé publiable (pk_…)
payments-secret = Clé secrète (sk_… ou une clé restreinte rk_…)
payments-set-ends = en place, se termine par { $end }
payments-not-set = non définie
payments-webhook-secrets = Secrets de signature des webhooks (whsec_…, un par ligne ; deux pendant un renouvellement)
payments-secrets-set = { $count } en place
payments-webhook-url = Dans Stripe, envoyez les événements webhook à
payments-test-secret = Le prestataire de test crée son propre secret.
payments-options = Devises, montants proposés et don minimum, une ligne par devise, comme
payments-fee = « Couvrir les frais » ajoute ce pourcentage (0 à 50)
payments-reporting = Devise des rapports (les dons y sont convertis au taux de leur jour)
payments-gifts = Dons
payments-reconcile = Rapprocher avec l'historique du solde du prestataire
payments-monthly = Dons mensuels : { $active } actifs, { $ended } terminés.
payments-payment = Paiement
payments-in-reporting = En { $currency } (taux du jour)
payments-refunded = Remboursé
payments-lost = Perdu en litiges
payments-open-disputes = Litiges ouverts
payments-monthly-mark = mensuel
payments-webhooks = Dernières réceptions de webhooks
payments-event = Événement
payments-type = Type
payments-received-utc = Reçu (UTC)
payments-deliveries = Réceptions
gift-status-pending = En attente du prestataire
gift-status-succeeded = Reçu
gift-status-failed = Échoué

## Rapprochement
reconcile-heading = Rapprochement
reconcile-intro = Les dons, remboursements et litiges perdus de Chorus à côté de l'historique du solde du prestataire de paiement ({ $imported } transactions importées). Frais et virements sont les chiffres du prestataire. Importez l'export détaillé du solde du prestataire du début de la période jusqu'à aujourd'hui, pour que les remboursements et litiges ultérieurs des dons de la période y figurent aussi.
reconcile-balanced = Aucune différence du { $from } au { $to } : Chorus et le prestataire concordent au centime près.
reconcile-differ = Chorus et le prestataire diffèrent du { $from } au { $to } ; chaque différence est listée ci-dessous.
reconcile-totals = Totaux par devise et catégorie
reconcile-category = Catégorie
reconcile-difference = Différence
reconcile-by-payment = Différences par paiement
reconcile-import = Importer l'historique du solde du prestataire (CSV)
reconcile-import-help = Dans Stripe : Rapports → Solde → Évolution du solde liée à l'activité → Télécharger → Détaillé. Un fichier avec une seule ligne fautive est refusé en entier, chaque problème nommé par ligne et colonne ; une transaction réimportée remplace celle gardée.
reconcile-gifts = Dons
reconcile-refunds = Remboursements
reconcile-disputes = Litiges perdus
reconcile-fees = Frais
reconcile-payouts = Virements
reconcile-other = Autre
reconcile-only-in-Chorus = Seulement dans Chorus
reconcile-only-at-the-provider = Seulement chez le prestataire

## Connexion
login-heading = Se connecter
login-password = Mot de passe
login-forgotten = Mot de passe oublié ?

## Le second facteur
login-code-heading = Se connecter : votre code
login-code-label = Les six chiffres affichés par votre application d'authentification, ou un code de secours

## Un mot de passe oublié
forgot-heading = Mot de passe oublié
forgot-sent = Si un compte Chorus a l'adresse { $email }, un lien pour choisir un nouveau mot de passe est en route vers elle. Le lien fonctionne une fois, dans l'heure. Pas d'e-mail après quelques minutes ? Regardez dans les indésirables, ou demandez à nouveau.
forgot-email = L'e-mail avec lequel vous vous connectez
forgot-send = M'envoyer un lien par e-mail
forgot-no-mail = Ce serveur n'envoie pas d'e-mail. Demandez un lien à la personne qui l'administre : sur le serveur, cette commande en affiche un qui fonctionne une fois, dans l'heure :
forgot-back = Retour à la connexion

## Un nouveau mot de passe
reset-heading = Choisir un nouveau mot de passe
reset-new = Nouveau mot de passe
reset-help = Au moins 8 caractères ; une courte phrase est facile à retenir et difficile à deviner. Toutes les sessions du compte prennent fin quand il est enregistré.
reset-again = Nouveau mot de passe, à nouveau
reset-set = Enregistrer le mot de passe
reset-dead = Ce lien a déjà servi ou a expiré.
reset-ask-again = En demander un nouveau
login-done-logged-out = Vous êtes déconnecté.
login-done-logged-out-everywhere = Vous êtes déconnecté sur tous les appareils.
login-done-password-set = Votre nouveau mot de passe est enregistré et toutes les sessions du compte ont pris fin. Connectez-vous avec lui.
login-wrong = L'e-mail ou le mot de passe est incorrect.
login-code-wrong = Ce code n'est pas le bon, ou a déjà servi. Tapez les six chiffres que votre application affiche maintenant, ou un code de secours.

## Votre compte, suite
account-recovery-codes = Vos codes de secours
account-two-factor = Connexion à deux facteurs
account-scan = Scannez ce code avec votre application d'authentification (ou tapez la clé), puis tapez les six chiffres qu'elle affiche.
account-key = Clé :
account-code-from-app = Code de l'application
account-turn-on = Activer la connexion à deux facteurs
account-on = Activée : la connexion demande un code de votre application d'authentification. Codes de secours restants : { $left }.
account-your-password = Votre mot de passe
account-code-or-recovery = Un code de l'application, ou un code de secours
account-turn-off = Désactiver la connexion à deux facteurs
account-off = Désactivée. Activée, la connexion demande aussi un code d'une application d'authentification sur votre téléphone.
account-set-up = Configurer la connexion à deux facteurs
account-email = E-mail de connexion
account-new-email = Nouvel e-mail
account-change-email = Changer l'e-mail
account-current-password = Mot de passe actuel
account-change-password = Changer le mot de passe
account-code-not-now = Ce code n'est pas celui qu'affiche votre application maintenant ; tapez les six chiffres actuels.
account-two-factor-on = La connexion à deux facteurs est activée. Gardez ces codes de secours en lieu sûr : chacun ouvre votre compte une fois si votre téléphone est perdu, et ils ne sont affichés que maintenant.
account-two-factor-off = La connexion à deux facteurs est désactivée.
account-password-changed = Votre mot de passe est changé ; vos autres sessions ont pris fin.
account-email-taken = Un autre compte se connecte avec cet e-mail.
account-email-changed = Votre e-mail de connexion est changé ; utilisez-le la prochaine fois que vous vous connectez.
account-too-many = Trop de tentatives erronées ; attendez une minute et réessayez.
account-code-wrong = Le code de votre application d'authentification (ou un code de secours) est requis, et celui-ci n'est pas le bon.
account-password-wrong = Votre mot de passe actuel n'est pas le bon.
saved-created = Créé. Tout le reste se trouve ci-dessous.
saved-settings = Enregistré : les réglages.
saved-text = Enregistré : le texte.
saved-image = Enregistré : l'image.
saved-status = Enregistré : l'état.
saved-archived = Enregistré : l'archivage.
saved-links = Enregistré : ce qui y est lié.
saved-transparency = Enregistré : la page de transparence.
saved-access = Enregistré : qui a accès, et avec quel rôle.
saved-languages = Enregistré : les textes dans les autres langues.
stop-added = Étape ajoutée : { $stop }.
stop-added-no-campaign = Elle ne soutient encore aucune campagne : choisissez sur sa page.
stop-added-campaigns = Comme les autres étapes de la tournée, elle soutient { $count } campagne(s) ; changez-le sur sa page.
codes-created-per-stop = { $count } code(s) créé(s), un par étape.
codes-kept = Ces étapes en avaient déjà un, qu'elles gardent : { $stops }.
codes-repointed = { $count } code(s) redirigé(s). Le changement vaut dès le prochain scan ; annulez-le ci-dessous au besoin.
members-invited = Invitation créée pour { $email } comme { $role }. Envoyez-lui ce lien ; il fonctionne une fois, dans les 7 jours :
members-revoked = L'invitation est révoquée : son lien ne fonctionne plus.
payments-saved = Réglages de paiement enregistrés.

## Une invitation
invite-join = Rejoindre { $org }
invite-invited = Vous êtes invité à rejoindre { $org } comme { $role }, avec l'adresse e-mail { $email }.
invite-existing = Vous avez déjà un compte Chorus. Saisissez son mot de passe pour accepter.
invite-choose-password = Choisissez un mot de passe
invite-password-help = Au moins 8 caractères ; une courte phrase est facile à retenir et difficile à deviner.
invite-password-again = Le mot de passe, à nouveau
invite-accept = Accepter l'invitation
invite-wrong-password = Ce n'est pas le mot de passe de ce compte.

## La page d'accueil
landing-intro = Chorus transforme l'audience d'un ambassadeur de bonne volonté en soutien mesuré à une cause humanitaire : des campagnes en plusieurs langues, des tournées et des événements, des liens et des codes QR, des signatures et des dons, et des rapports honnêtes.
landing-login = Connexion de l'équipe

## La mise en route
setup-heading = Mettre Chorus en route
setup-intro = Créez votre organisation et son premier compte propriétaire. Ce lien fonctionne une fois.
setup-correct = Veuillez corriger ce qui suit :
setup-org-name = Nom de l'organisation
setup-org-slug = Nom court pour les adresses web
setup-slug-help = Lettres minuscules, chiffres et tirets ; les pages de campagne vivront sous ce nom, par exemple
setup-email = Votre e-mail
setup-create = Créer l'organisation et le compte
go-live-title = Un titre, dans au moins une langue
go-live-title-and-text = Un titre et un texte en { $language }
go-live-money-goal = Un objectif financier, pour que la page montre la progression
go-live-hero-image = Une image principale
go-live-call-to-action = Un appel à l'action à côté du formulaire de signature
go-live-payments = Les paiements configurés, pour que l'on puisse donner
go-live-refused = Avant la mise en ligne, la page a besoin de ceci : { $need }.
supporters-marked-spam = { $count } signature(s) ou inscription(s) marquée(s) comme indésirable(s) ; compteurs recalculés.
supporters-restored = { $count } signature(s) ou inscription(s) restaurée(s) ; compteurs recalculés.
live-shown = { $count } affiché(s) sur l'écran de salle.
live-kept-off = { $count } tenu(s) à l'écart de l'écran de salle.
sign-in-warning = Depuis votre connexion précédente, { $count } tentative(s) de connexion à votre compte ont échoué (la dernière à { $last }). Si ce n'était pas vous, changez votre mot de passe.
import-posts-dry-run = Essai : { $count } publications seraient importées ({ $linked } liées à un code) ; rien n'a été modifié.
import-posts-done = { $count } publications importées ({ $linked } liées à un code) ; les publications importées auparavant ont été remplacées.
import-attendance-dry-run = Essai : la fréquentation de { $count } événements serait enregistrée ; rien n'a été modifié.
import-attendance-done = Fréquentation enregistrée pour { $count } événements.
money-gift-recorded = Don hors ligne { $reference } de { $amount } enregistré.
money-import-dry-run = Essai : { $count } dons seraient enregistrés ; rien n'a été modifié.
money-imported = { $count } dons hors ligne importés.
money-commitment-recorded = { $kind } de { $amount } de la part de { $party } enregistré ; il n'est pas compté comme reçu tant qu'il n'est pas payé.
money-marked-paid = Marqué payé : son montant est désormais un don hors ligne.
money-cancelled = Annulé.
reconcile-imported = { $count } transactions de solde importées.
