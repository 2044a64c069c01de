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
dashboard-visits-caption = Visites par jour (un jour sans visite compte zéro)
dashboard-money-caption = Fonds reçus par étape, dans la devise des rapports
dashboard-scans-caption = Scans de code QR par étape
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
summary-visits-chart = Visites par jour
summary-money-chart = Fonds reçus par étape
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
