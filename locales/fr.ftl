skip-to-content = Aller au contenu
org-campaigns = Campagnes de { $org }
no-live-campaigns = Aucune campagne n’est en cours pour le moment. Revenez bientôt.
open-campaign = Voir la campagne
campaign-ended = Cette campagne est terminée. Merci à toutes les personnes qui y ont participé ; voici ses résultats.
kind-awareness = Campagne de sensibilisation
kind-fundraising = Campagne de collecte de fonds
kind-emergency_appeal = Appel d’urgence
progress-heading = Progression vers l’objectif
raised-of-goal = { $raised } collectés sur { $goal }
actions-of-goal = { $count } actions sur { $goal }
dates-range = { $start } – { $end }
dates-from = À partir du { $start }
with-ambassadors = Avec
events-heading = Événements
event-at = { $venue }, { $city }
languages-heading = Lire cette page en
story-heading = L’histoire
footer-privacy = Cette page ne dépose aucun cookie et ne charge rien depuis d’autres sites.
page-not-found = Page introuvable
page-not-found-text = Il n’y a pas de page à cette adresse. Elle a peut-être été déplacée ou est terminée.
act-pledge = Signer l’engagement
act-subscribe = Recevoir des nouvelles
pledges-count = { $count ->
    [one] signature confirmée
   *[other] signatures confirmées
}
pledge-heading = Signer l’engagement
subscribe-heading = Recevoir des nouvelles de { $org }
field-name = Votre nom
field-email = Adresse e-mail
field-country = Pays
field-message = Un message (facultatif, 280 caractères au plus)
field-show-name = Afficher publiquement mon nom et mon message
field-also-subscribe = M’envoyer aussi des nouvelles de cette campagne
consent-pledge = Je signe cet engagement. { $org } conserve mon nom, mon e-mail et mon pays pour compter ma signature, et m’écrira une fois pour la confirmer. Je peux demander à tout moment la suppression de mes données.
consent-subscription = Envoyez-moi par e-mail des nouvelles de cette campagne. { $org } conserve mon e-mail à cette seule fin, et chaque message contient un lien pour ne plus en recevoir.
button-pledge = Signer
button-subscribe = M’abonner
form-fix = Merci de corriger ce qui suit :
error-name = Indiquez votre nom (100 caractères au plus).
error-email = Indiquez une adresse e-mail valide, comme nom@exemple.org.
error-country = Indiquez votre pays (60 caractères au plus).
error-message = Le message peut compter 280 caractères au plus, sans caractères de contrôle.
error-consent = Cochez la case pour donner votre accord.
error-too-old = Ce formulaire avait expiré. En voici un nouveau : envoyez-le à nouveau.
error-ended = Cette campagne est terminée et ne reçoit plus de signatures.
error-busy = Beaucoup de personnes signent en ce moment. Merci de renvoyer le formulaire dans une minute : vos réponses sont conservées ci-dessous.
thanks-heading = Merci !
thanks-text = Consultez vos e-mails : nous vous avons envoyé un lien de confirmation. Vous serez compté·e dès que vous l’ouvrirez.
thanks-text-unmailed = Nous avons bien reçu votre formulaire. Il sera compté dès qu’il aura été confirmé.
confirmed-heading = Confirmé. Merci !
confirmed-text = Votre soutien est maintenant compté.
confirm-invalid = Ce lien de confirmation n’est pas valide ou a expiré.
back-to-campaign = Retour à la campagne
offline-saved = Pas de connexion pour l’instant. Votre formulaire est gardé sur ce téléphone et sera envoyé dès le retour de la connexion.
offline-sent = Votre formulaire gardé a été envoyé. Merci !
offline-sending = Envoi en cours…
offline-busy = La campagne est très sollicitée en ce moment. Votre formulaire est gardé sur ce téléphone et sera envoyé dans un instant.
offline-refused = Votre formulaire gardé n’a pas pu être envoyé. Merci de remplir à nouveau le formulaire.
mail-confirm-subject-pledge = Merci de confirmer votre signature : { $campaign }
mail-confirm-subject-subscription = Merci de confirmer votre inscription aux nouvelles : { $campaign }
mail-confirm-subject-both = Merci de confirmer votre signature et votre inscription aux nouvelles : { $campaign }
mail-confirm-body = Bonjour{ $name },
    merci de participer à « { $campaign } » avec { $org }.
    { $links }
    Si ce n’était pas vous, ignorez ce message : rien ne sera compté.
mail-confirm-link-pledge = Pour confirmer votre signature, ouvrez ce lien (valable 7 jours) :
mail-confirm-link-subscription = Pour confirmer que vous voulez recevoir les nouvelles, ouvrez ce lien (valable 7 jours) :
error-proof-of-work = Ce formulaire a besoin de JavaScript pour vérifier que vous êtes une personne. Activez-le et envoyez à nouveau le formulaire.
act-donate = Faire un don
donors-count = { $count ->
    [one] donateur ou donatrice (dons remboursés non comptés)
   *[other] donateurs et donatrices (dons remboursés non comptés)
}
donate-heading = Faire un don
field-currency = Devise
field-amount = Montant
field-other-amount = Autre montant
field-frequency = Fréquence
frequency-once = Une fois
frequency-monthly = Chaque mois
field-cover-fee = Ajouter { $percent } % pour que mon don arrive entier après les frais de carte
donate-secure = Vous payez sur la page sécurisée de notre prestataire de paiement : vos données de carte ne nous parviennent jamais.
button-donate = Continuer vers le paiement
error-gift-currency = Choisissez l’une des devises proposées.
error-gift-amount = Indiquez un montant comme 25 ou 25.50.
error-gift-minimum = Le plus petit don est de { $amount }.
error-gift-maximum = Le plus grand don en ligne est de { $amount }.
error-gift-unavailable = Les dons en ligne ne sont pas encore possibles ici.
error-gift-provider = Le service de paiement n’a pas répondu. Rien n’a été débité ; réessayez dans un instant.
error-gift-busy = Beaucoup de dons sont en cours en ce moment. Réessayez dans une minute.
gift-thanks-heading = Merci pour votre don !
gift-thanks-text = Votre paiement est en cours de confirmation. Votre reçu vous parviendra par e-mail de notre prestataire de paiement.
# Rapports d'impact
report-title = Rapport d'impact
report-period = du { $from } au { $to }
report-generated = Chiffres au { $date }
report-reach-note = Les personnes touchées sont présentées par parties, jamais additionnées en un seul nombre : une même personne peut avoir assisté, vu une publication et visité la page.
report-about = environ { $value }
report-key-figures = Chiffres clés
report-figure = Indicateur
report-this-period = Cette période
report-previous-period = Période précédente
report-change = Évolution
report-method = Méthode de calcul
fig-attendance = Public présent
fig-impressions = Impressions sur les réseaux
fig-social-reach = Portée sur les réseaux
fig-visits = Visites
fig-unique-visitors = Visiteurs uniques en ligne
fig-scans = Scans de QR code
fig-links = Clics sur les liens
fig-pledges = Engagements
fig-pledges-confirmed = Engagements confirmés
fig-subscriptions = Inscriptions aux nouvelles
fig-gifts = Dons
fig-money = Montant reçu
fig-money-in = Montant reçu en { $currency }
fig-unvalued = Dons pas encore évalués
method-attendance = Comptages des salles, scanners de billets ou estimations saisis par événement ; chaque étape indique sa source.
method-impressions = Les chiffres des plateformes, importés de leurs exports. Ce ne sont pas des personnes : une personne peut voir une publication plusieurs fois.
method-social-reach = Le nombre de comptes touchés par publication selon la plateforme (les impressions à défaut), additionné sur les publications : sans dédoublonnage.
method-visits = Visites de personnes par les liens, les QR codes et la page de campagne ; robots et aperçus de liens exclus.
method-unique-visitors = Une estimation HyperLogLog (erreur type ±{ $error } %) des visiteurs distincts par jour, additionnée sur les jours : une personne venue deux jours compte deux fois. Aucun cookie ni adresse IP n'est conservé.
method-scans = Visites arrivées par un QR code imprimé.
method-links = Visites arrivées par un lien court.
method-pledges = Engagements ni marqués comme indésirables ni expirés, confirmés par e-mail ou non.
method-pledges-confirmed = Engagements dont le signataire a confirmé son adresse e-mail.
method-subscriptions = Inscriptions aux nouvelles, ni indésirables ni expirées.
method-gifts = Dons reçus en ligne et hors ligne dont l'argent a été gardé : un don remboursé en entier ou perdu dans un litige n'est pas compté ; remboursements partiels et litiges perdus déduits des montants.
method-money = Chaque don évalué en { $currency } au taux de change de son jour, moins remboursements et litiges perdus.
method-money-in = Dons dans cette devise, moins remboursements et litiges perdus, avant conversion.
method-unvalued = Dons dont le jour n'a pas encore de taux de change : comptés dans leur devise, pas dans le total.
report-funnel = De la portée aux dons
report-step = Étape
report-conversion = Taux
step-visited = Venues sur la page (visiteurs uniques)
step-acted = Ont agi (engagements et inscriptions)
step-donated = Ont donné (dons dont l'argent a été gardé)
report-stops = Par étape
report-stop = Étape
report-date = Date
report-city = Ville
report-source = Source
report-not-at-stop = Sans étape
report-channels = Par canal
report-channel = Canal
report-days = Jour par jour
report-day = Jour
report-actions = Actions
# Le compteur en direct sur l'écran de la salle
live-totals = Totaux
live-raised = collectés
live-progress = Progression vers l'objectif
live-goal = Objectif :
live-scan = Scannez pour ajouter votre nom
live-latest = Derniers soutiens
live-anonymous = Un soutien
live-gift = Un nouveau don
live-reconnecting = Reconnexion…
report-all-campaigns = Toutes les campagnes
report-synthetic = Ces chiffres proviennent des données synthétiques de la démonstration : inventées pour l'illustration, ni personnes ni argent réels.
transparency-title = Où en est cette campagne, et comment nous comptons
transparency-intro = Chaque chiffre ci-dessous est calculé à partir des données de la campagne et des chiffres importés des plateformes, les mêmes que ceux présentés au conseil de l'organisation. Aucun soutien n'est nommé ici.
fig-promised-in = Engagements et prélèvements non encore payés, en { $currency }
method-promised-in = Montants annoncés par des partenaires et prélèvements dus par billet vendu à une étape : présentés à part et jamais ajoutés au montant reçu avant paiement, où ils deviennent des dons.

# Funnel of figures of one kind; confirmed sign-ups.
fig-subscriptions-confirmed = Inscriptions confirmées
method-subscriptions-confirmed = Inscriptions aux nouvelles dont la personne a confirmé son adresse e-mail.
report-number = Nombre
report-rate-of = Taux de
step-attended = Présentes (sur place, aux étapes)
step-social-reach = Touchées sur les réseaux (comptes)
step-scanned = Ont scanné un code QR
funnel-basis-attendance = du public présent
funnel-basis-unique-visitors = des visiteurs uniques
method-funnel-attended = Public déclaré par les étapes
method-funnel-social-reach = Chiffres des plateformes, importés
method-funnel-scanned = Visites par un code QR imprimé
method-funnel-visited = Estimation (±{ $error } %), en ligne, tous canaux
method-funnel-acted = En attente ou confirmés
method-funnel-donated = En ligne et hors ligne
thanks-standing = { $count ->
    [one] { $number } personne a confirmé sa signature jusqu'ici.
   *[other] { $number } personnes ont confirmé leur signature jusqu'ici.
}
confirmed-standing = { $count ->
    [1] Votre signature est la première confirmée.
   *[other] Vous faites maintenant partie des { $number } signatures confirmées.
}
