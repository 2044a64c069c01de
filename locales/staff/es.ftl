# La interfaz del equipo, en español. Las mismas claves que en.ftl, en el mismo orden.

## El marco de las páginas
skip-to-content = Ir al contenido
nav-campaigns = Campañas
nav-ambassadors = Embajadores
nav-tours = Giras y eventos
nav-touchpoints = Enlaces y códigos QR
nav-reports = Informes
nav-money = Donaciones fuera de línea y compromisos
nav-members = Miembros
nav-payments = Pagos
nav-audit = Registro de auditoría
menu-switch-org = Cambiar de organización
menu-account = Su cuenta y el inicio de sesión
menu-log-out = Cerrar sesión
menu-log-out-everywhere = Cerrar sesión en todos los dispositivos
save = Guardar

## Funciones
role-owner = Propietario
role-admin = Administrador
role-campaign_manager = Responsable de campaña
role-ambassador_team = Equipo del embajador
role-viewer = Lector

## El panel de la organización
dashboard-mail-off = El correo está desactivado: este servidor no tiene --smtp-url, así que quienes apoyan no reciben correo de confirmación. Sus enlaces de confirmación están en la página Apoyos de cada campaña.
dashboard-since-start = Desde el inicio de la campaña: { $period }, frente al mismo número de días anteriores.
dashboard-full-report = El informe completo
dashboard-how-counted = Cómo se cuenta
dashboard-visits-caption = Visitas por día (un día sin visitas cuenta cero)
dashboard-money-caption = Fondos recibidos por parada, en la moneda de los informes
dashboard-scans-caption = Escaneos de código QR por parada
dashboard-signed-in-as = Ha iniciado sesión como { $email }, { $role } de esta organización.
dashboard-members = Miembros
dashboard-created = Creada el
dashboard-public-page = Página pública
dashboard-members-and-roles = Miembros y funciones
dashboard-settings = Ajustes
dashboard-languages = Idiomas de trabajo de la organización: las páginas públicas los ofrecen, los formularios de campaña y de embajador piden un texto en cada uno
dashboard-default-language = Idioma predeterminado de las páginas públicas (uno de ellos)
dashboard-save-settings = Guardar los ajustes
dashboard-sign-in = Inicio de sesión
dashboard-require-two-factor = Los miembros inician sesión con dos factores (un código de una aplicación de autenticación)
summary-raised = { $raised } recaudados de { $goal }
summary-visits-chart = Visitas por día
summary-money-chart = Fondos recibidos por parada
summary-scans-chart = Escaneos QR por parada

## Su cuenta
account-title = Su cuenta
account-signed-in-as = Sesión iniciada como { $email }.
account-language = Idioma de estas páginas
account-language-label = Las páginas del equipo en
account-language-browser = El idioma del navegador
account-language-saved = Guardado: estas páginas están ahora en español.
account-language-unknown = Idioma: elija inglés, francés o español, o el del navegador.

## Campañas
item-archived = archivada
campaigns-not-created = La campaña no se creó:
campaigns-none = Todavía no hay campañas.
campaigns-campaign = Campaña
campaigns-status = Estado
campaigns-raised = Recaudado
campaigns-signatures = Firmas confirmadas
campaigns-languages = Idiomas
campaigns-new = Nueva campaña
campaigns-new-title = Título de la página pública, en su idioma predeterminado (opcional por ahora: escríbalo, y los demás idiomas, en la página de la campaña)
campaigns-create = Crear la campaña
campaign-slug = Identificador (dirección web)
campaign-slug-help = Minúsculas, cifras y guiones; la dirección de la página:
campaign-name = Nombre (para las páginas del equipo y los informes; la página pública muestra su título)
campaign-kind = Tipo
campaign-goals = Objetivos (uno o ambos)
campaign-goal-money = Objetivo de fondos
campaign-goal-currency = Moneda (ISO 4217)
campaign-goal-actions = Objetivo de acciones (firmas, inscripciones)
campaign-start = Inicio
campaign-end = Fin
campaign-default-language = Idioma predeterminado
kind-awareness = Sensibilización
kind-fundraising = Recaudación de fondos
kind-emergency_appeal = Llamamiento de emergencia
status-draft = Borrador
status-live = Publicada
status-closed = Cerrada
