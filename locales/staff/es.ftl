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
summary-visits-chart = Visitas por día (un día sin visitas cuenta cero)
summary-money-chart = Fondos recibidos por parada, en la moneda de los informes
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

## La página de una campaña
campaign-public-page = Página pública:
campaign-drafts-private = Los borradores no son públicos.
nothing-changed = No se cambió nada:
checklist-heading = Antes de publicarla
checklist-done = Hecho:
checklist-missing = Falta:
checklist-required = obligatorio
campaign-preview = Ver la página como la verá el público:
campaign-close-explained = Cerrar la campaña detiene las firmas, inscripciones y donaciones en su página; la página sigue, con sus resultados. Puede reabrirla.
campaign-close-confirm = Sí, cerrarla
restore = Restaurar
archive = Archivar
campaign-archive-explained = Archivar quita la campaña de todas las listas y su página de la web; sus cifras siguen en los informes. Puede restaurarla.
archive-confirm = Sí, archivarla
campaign-supporters = Apoyos: firmas e inscripciones
campaign-venue-screen = Pantalla del recinto: recuento en directo y mensajes
campaign-report = Informe
transparency-line = Página pública de transparencia (totales, cada parada y cómo se cuenta cada cifra; sin nombres):
state-on = activada
state-off = desactivada
transparency-turn-off = Desactivarla
transparency-publish = Publicarla
content-heading = Texto de la página por idioma
content-written = escrito
content-missing = falta
content-visitors-get = los visitantes ven la versión en
content-title = Título
content-summary = Resumen
content-story = Historia (Markdown)
content-cta = Llamada a la acción
content-save = Guardar el texto en
campaign-ambassadors = Embajadores participantes
campaign-no-ambassadors = Todavía no hay embajadores.
add-one = Añadir uno
campaign-save-ambassadors = Guardar los embajadores
hero-heading = Imagen principal
hero-current = Imagen principal actual
hero-file = JPEG, PNG o WebP, hasta 5 MB (ajustada a 1200 píxeles de ancho)
upload-image = Subir la imagen
move-reopen = Reabrir
move-go-live = Publicar
move-close = Cerrar la campaña
move-draft = Volver a borrador

## La página de una gira
tour-stops = Paradas
tour-add-stop = Añadir una parada a esta gira
tour-add-stop-button = Añadir la parada
tour-heading = Gira
tour-save = Guardar la gira

## Los campos de una gira
tour-name = Nombre
tour-ambassador = Embajador
choice-none = ninguno

## Los campos de un evento
event-stands-alone = fuera de gira
event-venue = Recinto
event-city = Ciudad
event-country = País (código de dos letras)
event-time-zone = Zona horaria del recinto (escriba una ciudad para elegir, p. ej. Berlín)
event-starts = Comienzo (hora local del recinto)
event-capacity = Aforo
event-attendance = Asistencia declarada
event-attendance-source = Fuente de la cifra de asistencia

## Listas de eventos
events-none = Todavía no hay eventos.
events-and-stops = Eventos y paradas
events-when = Cuándo (hora local)
events-event = Evento
events-where = Dónde
events-attendance = Asistencia

## Giras y eventos
nothing-created = No se creó nada:
tours-heading = Giras
tours-none = Todavía no hay giras.
events-stops-explained = Un evento de una gira es una de sus paradas.
tours-new = Nueva gira
tours-create = Crear la gira
events-new = Nuevo evento
events-create = Crear el evento

## La página de un evento
event-campaigns = Campañas que apoya
event-save-campaigns = Guardar las campañas
event-details = Detalles
event-save = Guardar el evento
event-languages = En los otros idiomas
event-languages-hint = Las páginas de campaña y los carteles en estos idiomas muestran estos textos; si se dejan en blanco, muestran el título, el lugar y la ciudad del evento.
event-languages-none = Su organización trabaja en un solo idioma. Añada idiomas en su configuración para nombrar los eventos en cada uno.
event-save-languages = Guardar los otros idiomas
event-kind-concert = Concierto
event-kind-performance = Actuación
event-kind-meeting = Reunión
event-kind-council_session = Sesión de consejo
event-kind-media = Aparición en medios
event-kind-other = Otro

## Enlaces y códigos QR
codes-none = Todavía no hay enlaces ni códigos.
codes-caption = Enlaces y códigos
select = Elegir
codes-code = Código y enlace
codes-channel = Canal
codes-stop = Evento o parada
codes-opens = Abre
codes-visits = Visitas
codes-scans = Escaneos QR
codes-retired = retirado
copied = Copiado
copy-link = Copiar el enlace
repoint-legend = Redirigir un grupo
repoint-which = Qué códigos
repoint-ticked = Los marcados arriba
repoint-tour = Todos los códigos de la gira { $tour }
repoint-ambassador = Todos los códigos de { $name }
repoint-to = Enviarlos a
repoint = Redirigir
repoint-history = Historial de redirecciones
repoint-line = { $at }: { $count } código(s) enviado(s) a { $campaign } por { $actor }
repoint-undone = deshecho
undo = Deshacer
codes-campaign-first = Cree primero una campaña: cada código abre una campaña.
codes-new = Nuevo enlace y código
codes-opens-campaign = Abre la campaña
codes-label = Etiqueta
codes-label-example = Cartel junto a la entrada principal
codes-create = Crear el enlace y el código
codes-per-stop = Un código por parada de una gira
codes-per-stop-create = Crear un código para cada parada que no tenga

## La página de un código
code-heading = Código
code-link = Enlace:
code-qr-link = Código QR (cuenta los escaneos):
code-qr-alt = Código QR para { $link }
code-download-svg = Descargar en SVG
code-download-png = Descargar en PNG
code-poster = Cartel para imprimir
code-poster-languages = en el idioma de la parada cuando la página lo tiene; o en
code-history = Adónde ha apuntado
code-bring-back = Volver a activarlo
code-retire = Retirar este código

## Visitas
visits-heading = Visitas
visits-help = Las personas excluyen robots y vistas previas de enlaces, que se cuentan aparte. Los visitantes únicos son exactos dentro de un día y no pueden vincularse entre días (el secreto del identificador diario se borra 48 horas después). En un recinto muchos teléfonos comparten una dirección, así que allí los únicos se subestiman (los escaneos son eventos exactos); un teléfono que cambia de red cuenta dos veces.
visits-none = Todavía no hay visitas.
visits-by-day = Por día (UTC)
visits-day = Día
visits-people = Personas
visits-unique = Visitantes únicos
visits-scans = Escaneos
visits-links = Enlaces
visits-bots = Robots y vistas previas
visits-by-hour-summary = Por hora, últimas 48 horas
visits-by-hour = Por hora (UTC)
visits-hour = Hora (UTC)
visits-estimate = Visitantes diarios distintos, todos los días y códigos juntos:
visits-by-language = Por idioma:
visits-by-channel = Por canal:
visits-by-device = Por dispositivo:
visits-referrers = Sitios de origen:

## Embajadores
ambassadors-new = Nuevo embajador
ambassadors-add = Añadir el embajador

## La página de un embajador
ambassador-photo-alt = Foto de { $name }
ambassador-appointments = Nombramientos
none-recorded = Nada registrado.
remove = Quitar
ambassador-appointment = Nombramiento
ambassador-appointment-example = Embajador de buena voluntad mundial
from = Desde
ambassador-until = Hasta (vacío si sigue)
ambassador-add-appointment = Añadir el nombramiento
ambassador-channels = Canales
ambassador-channels-caption = Canales y número de seguidores
ambassador-platform = Plataforma
ambassador-handle = Usuario
ambassador-followers-over-time = Seguidores a lo largo del tiempo
ambassador-handle-label = Usuario o dirección
ambassador-followers = Seguidores
ambassador-counted-on = Contado el
ambassador-save-channel = Guardar el canal
ambassador-bios = Biografía por idioma
ambassador-save-bio = Guardar la biografía en
ambassador-photo = Foto
ambassador-photo-file = JPEG, PNG o WebP, hasta 5 MB
ambassador-upload-photo = Subir la foto
rename = Cambiar el nombre

## Miembros
members-people = Personas con acceso a { $org }
members-email = Correo electrónico
members-role = Función
members-since = Miembro desde
members-actions = Acciones
members-new-role = Nueva función para { $email }
members-change-role = Cambiar la función
members-invitations = Invitaciones a la espera de respuesta
members-sent = Enviada
members-link-until = El enlace vale hasta
members-revoke = Revocar la invitación
members-invite = Invitar a alguien
members-create-invite = Crear un enlace de invitación

## Informes
nothing-imported = No se importó nada:
report-period = Periodo
report-what = Qué
report-all-campaigns = Todas las campañas
report-all-ambassadors = Todos los embajadores
report-all-tours = Todas las giras
report-all-stops = Todos los eventos y paradas
report-all-channels = Todos los canales
report-show = Mostrar
report-custom = Periodo personalizado
report-to = Hasta
report-show-days = Mostrar estos días
report-compared = Del { $from } al { $to }, frente al mismo número de días anteriores.
report-pdf = Descargar el informe de impacto (PDF)
report-as-csv = { $table } en CSV
report-import-impressions = Importar impresiones en redes (la exportación de publicaciones de una plataforma, CSV)
report-posts-campaign = Campaña de la que hablaban las publicaciones
choose = Elegir
report-columns = Columnas (opcional: campo=Nombre de columna, p. ej. impressions=Views; reach=Accounts reached; link=Description)
report-dry-run = Prueba: comprobar el archivo sin cambiar nada
report-posts-once = Cada publicación se guarda una vez por plataforma: importarla de nuevo reemplaza sus cifras. Una publicación cuyo texto o enlace contiene un enlace corto de Chorus cuenta para ese código y su parada.
report-file = Archivo
report-import = Importar
report-import-attendance = Importar la asistencia (CSV con las columnas engagement, attendance, source)
period-campaign-to-date = Campaña hasta hoy
period-tour-to-date = Gira hasta hoy
period-all-to-date = Todas las campañas hasta hoy
period-this-tour = Esta gira
period-7-days = Últimos 7 días
period-30-days = Últimos 30 días
period-all-time = Desde el principio
chart-visits-per-stop = Visitas por parada
chart-acted-per-day = Firmas e inscripciones por día
chart-gifts-per-day = Donaciones por día

## Cómo se cuenta una cifra
method-back = Volver al informe
method-rollups = Los informes leen resúmenes por hora que se actualizan a medida que llegan visitas, acciones y donaciones. Los registros que los sustentan se cuentan de nuevo abajo, directamente de los registros mismos; se cuentan, nunca se listan, porque son personas.
method-records = Los registros que la sustentan
method-stop = parada
method-days = del { $from } al { $to } (días UTC).
method-records-column = Registros
method-count = Número
method-choose-campaign = Elija una campaña en los filtros del informe para contar los registros que sustentan esta cifra.

## Registro de auditoría
audit-intro = Cada cambio del equipo y de los ajustes de { $org }, del más reciente al más antiguo (los últimos { $limit }).
audit-records = Registros de auditoría
audit-when = Cuándo (UTC)
audit-who = Quién

## Sus organizaciones
orgs-heading = Sus organizaciones
orgs-none = Su cuenta todavía no pertenece a ninguna organización. Pida a un propietario o administrador que le invite.
records-visits = Visitas de personas registradas
records-scans = de ellas, por un código QR
records-links = de ellas, por un enlace corto
records-visitor-days = Días-visitante distintos (exactos, según las visitas registradas)
records-actions = { $kind }, { $status }
records-gifts = Donaciones recibidas registradas (con éxito)
action-pledge = Firmas
action-subscription = Inscripciones
action-status-pending = a la espera de confirmación
action-status-confirmed = confirmadas
action-status-spam = marcadas como no deseadas
action-status-expired = caducadas sin confirmar

## Apoyos
supporters-heading = Apoyos de { $campaign }
supporters-mail-off = No hay servidor SMTP configurado (--smtp-url): no se envía correo de confirmación. Cada firma o inscripción sin confirmar muestra abajo su enlace de confirmación; solo seguirlo la cuenta.
supporters-counts = Cifras (los contadores públicos muestran solo las confirmadas)
supporters-confirmed = Confirmadas
supporters-waiting = A la espera de confirmación
supporters-search-label = El nombre o el correo contiene
supporters-any = todas
search = Buscar
export-csv = Exportar en CSV
supporters-none = Todavía no hay firmas ni inscripciones.
supporters-none-match = Ninguna firma ni inscripción coincide.
supporters-actions = Firmas e inscripciones
supporters-supporter = Persona
supporters-message = Mensaje
supporters-came-through = Llegó por
supporters-busy = dirección muy activa
supporters-busy-title = Enviado desde una dirección con muchos envíos
supporters-confirm-link = enlace de confirmación
supporters-public = mostrado en público
supporters-page = la página
supporters-mark-spam = Marcar las seleccionadas como no deseadas
supporters-restore = Restaurar las seleccionadas
newer = Más recientes
older = Más antiguas
invalidate-heading = Invalidar un lote
invalidate-explained = Marca como no deseada cada firma o inscripción pendiente o confirmada de esta campaña que coincida; los contadores se recalculan y el cambio queda en el registro de auditoría. Las direcciones nunca se guardan: una dirección solo coincide con las de los dos últimos días.
invalidate-by = Elegir por
invalidate-ip = Dirección IP
invalidate-address = Dirección
invalidate-domain-choice = Dominio del correo
invalidate-domain = Dominio
invalidate-window = Intervalo de tiempo (UTC)
invalidate-submit = Marcar como no deseadas

## La pantalla del recinto
live-heading = Pantalla del recinto
live-at = La pantalla está en
live-explained = Ábrala a pantalla completa en la pantalla del recinto. Los totales se actualizan en el segundo siguiente a cada firma, inscripción o donación. El nombre de una persona (si aceptó mostrarlo) y su mensaje solo aparecen cuando se aprueban aquí.
live-waiting = A la espera de una decisión
live-show = Mostrar en la pantalla
live-keep-off = No mostrar
live-on-screen = En la pantalla
live-take-off = Quitar de la pantalla
live-gifts = Donaciones en la pantalla
live-threshold = Mostrar cada donación de al menos ({ $currency }, para toda la organización; vacío: las donaciones solo en los totales)

## Donaciones fuera de línea y compromisos
money-intro = Fondos que no pasaron por el proveedor de pagos. Las donaciones fuera de línea son fondos recibidos y cuentan en las barras de progreso y los informes como cualquier donación. Los compromisos y los recargos por entrada son promesas: se listan aparte, nunca se suman a los fondos recibidos y se convierten en donación fuera de línea cuando se pagan.
money-gifts = Donaciones fuera de línea
none-yet = Nada por ahora.
money-reference = Referencia
money-received = Recibida el
money-method = Medio
money-amount = Importe
money-note = Nota
money-record-gift = Registrar una donación fuera de línea
money-event-optional = Evento o parada (opcional)
money-code-optional = Código (opcional)
money-currency = Moneda
money-received-on = Recibida el
money-reference-help = Referencia (número de recibo o de transferencia; vacía crea una; la misma referencia reemplaza la donación)
money-record-gift-button = Registrar la donación
money-import = Importar donaciones fuera de línea desde una hoja de cálculo (CSV)
money-import-help = Una fila de encabezado con las columnas date, amount, currency, campaign, reference y, opcionalmente, method, engagement, touchpoint, note; campaign es el identificador de la campaña. Un archivo con cualquier fila errónea se rechaza entero, cada problema indicado por fila y columna. Importar de nuevo una referencia reemplaza esa donación.
money-commitments = Compromisos y recargos por entrada
money-promised = Prometido y aún no pagado:
money-not-received = no contado como recibido
money-announced = Anunciado el
money-party = De
money-due = Vencimiento
money-paid-on = Pagado el
money-mark-paid = Marcar como pagado
cancel = Cancelar
money-record-commitment = Registrar un compromiso o un recargo por entrada
money-commitment-option = Compromiso (un importe anunciado por una empresa o un gobierno)
money-levy-option = Recargo por entrada (un importe por entrada vendida en una parada, pagado en la liquidación)
money-party-label = De (empresa, gobierno o recinto)
money-event-levy = Evento o parada (obligatorio para un recargo)
money-amount-commitment = Importe (un compromiso)
money-per-ticket = Por entrada (un recargo)
money-tickets = Entradas vendidas (un recargo)
money-announced-on = Anunciado el
money-due-on = Vencimiento (opcional)
money-record = Registrar
commitment-kind-commitment = Compromiso
commitment-kind-levy = Recargo por entrada
commitment-status-open = Abierto
commitment-status-paid = Pagado
commitment-status-cancelled = Cancelado
gift-method-cash = Efectivo
gift-method-bank_transfer = Transferencia
gift-method-matched = Donación equiparada
gift-method-other = Otro

## Pagos
payments-intro = Las donaciones se pagan en la página del proveedor: los datos de la tarjeta nunca llegan a Chorus. Las claves se guardan selladas y no se vuelven a mostrar; deje vacío un campo de clave para conservar la que ya hay.
payments-provider = Proveedor
payments-test = Pagos de prueba (no se mueve dinero; para la demostración y el desarrollo)
payments-publishable = Clave publicable (pk_…)
payments-secret = Clave secreta (sk_… o una restringida rk_…)
payments-set-ends = definida, termina en { $end }
payments-not-set = sin definir
payments-webhook-secrets = Secretos de firma de webhooks (whsec_…, uno por línea; dos mientras renueva uno)
payments-secrets-set = { $count } definidos
payments-webhook-url = En Stripe, envíe los eventos webhook a
payments-test-secret = El proveedor de prueba crea su propio secreto.
payments-options = Monedas, importes propuestos y donación mínima, una línea por moneda, como
payments-fee = «Cubrir la comisión» añade este porcentaje (0 a 50)
payments-reporting = Moneda de los informes (las donaciones se convierten a ella al cambio de su día)
payments-gifts = Donaciones
payments-reconcile = Conciliar con el historial de saldo del proveedor
payments-monthly = Donaciones mensuales: { $active } activas, { $ended } terminadas.
payments-payment = Pago
payments-in-reporting = En { $currency } (cambio del día)
payments-refunded = Reembolsado
payments-lost = Perdido en disputas
payments-open-disputes = Disputas abiertas
payments-monthly-mark = mensual
payments-webhooks = Últimas entregas de webhooks
payments-event = Evento
payments-type = Tipo
payments-received-utc = Recibido (UTC)
payments-deliveries = Entregas
gift-status-pending = A la espera del proveedor
gift-status-succeeded = Recibida
gift-status-failed = Fallida

## Conciliación
reconcile-heading = Conciliación
reconcile-intro = Las donaciones, reembolsos y disputas perdidas de Chorus junto al historial de saldo del proveedor de pagos ({ $imported } transacciones importadas). Comisiones y liquidaciones son cifras del proveedor. Importe la exportación detallada del saldo del proveedor desde el inicio del periodo hasta hoy, para que los reembolsos y disputas posteriores de las donaciones del periodo también estén.
reconcile-balanced = Sin diferencias del { $from } al { $to }: Chorus y el proveedor coinciden al céntimo.
reconcile-differ = Chorus y el proveedor difieren del { $from } al { $to }; cada diferencia se lista abajo.
reconcile-totals = Totales por moneda y categoría
reconcile-category = Categoría
reconcile-difference = Diferencia
reconcile-by-payment = Diferencias por pago
reconcile-import = Importar el historial de saldo del proveedor (CSV)
reconcile-import-help = En Stripe: Informes → Saldo → Cambio de saldo por actividad → Descargar → Detallado. Un archivo con cualquier fila errónea se rechaza entero, cada problema indicado por fila y columna; una transacción importada de nuevo reemplaza la guardada.
reconcile-gifts = Donaciones
reconcile-refunds = Reembolsos
reconcile-disputes = Disputas perdidas
reconcile-fees = Comisiones
reconcile-payouts = Liquidaciones
reconcile-other = Otro
reconcile-only-in-Chorus = Solo en Chorus
reconcile-only-at-the-provider = Solo en el proveedor

## Inicio de sesión
login-heading = Iniciar sesión
login-password = Contraseña
login-forgotten = ¿Olvidó su contraseña?

## El segundo factor
login-code-heading = Iniciar sesión: su código
login-code-label = Los seis dígitos que muestra su aplicación de autenticación, o un código de recuperación

## Una contraseña olvidada
forgot-heading = Contraseña olvidada
forgot-sent = Si una cuenta de Chorus tiene la dirección { $email }, le estamos enviando un enlace para elegir una nueva contraseña. El enlace funciona una vez, en el plazo de una hora. ¿Ningún correo tras unos minutos? Mire en la carpeta de correo no deseado o vuelva a pedirlo.
forgot-email = El correo con el que inicia sesión
forgot-send = Enviarme un enlace por correo
forgot-no-mail = Este servidor no envía correo. Pida un enlace a quien lo administra: en el servidor, este comando muestra uno que funciona una vez, en el plazo de una hora:
forgot-back = Volver al inicio de sesión

## Una nueva contraseña
reset-heading = Elegir una nueva contraseña
reset-new = Nueva contraseña
reset-help = Al menos 8 caracteres; una frase corta es fácil de recordar y difícil de adivinar. Todas las sesiones de la cuenta terminan cuando se guarda.
reset-again = Nueva contraseña, otra vez
reset-set = Guardar la contraseña
reset-dead = Este enlace ya se usó o ha caducado.
reset-ask-again = Pedir uno nuevo
login-done-logged-out = Ha cerrado la sesión.
login-done-logged-out-everywhere = Ha cerrado la sesión en todos los dispositivos.
login-done-password-set = Su nueva contraseña está guardada y todas las sesiones de la cuenta han terminado. Inicie sesión con ella.
login-wrong = El correo o la contraseña no son correctos.
login-code-wrong = Ese código no es correcto o ya se usó. Escriba los seis dígitos que muestra ahora su aplicación, o un código de recuperación.

## Su cuenta, continuación
account-recovery-codes = Sus códigos de recuperación
account-two-factor = Inicio de sesión en dos pasos
account-scan = Escanee este código con su aplicación de autenticación (o escriba la clave) y luego escriba los seis dígitos que muestra.
account-key = Clave:
account-code-from-app = Código de la aplicación
account-turn-on = Activar el inicio de sesión en dos pasos
account-on = Activado: el inicio de sesión pide un código de su aplicación de autenticación. Códigos de recuperación restantes: { $left }.
account-your-password = Su contraseña
account-code-or-recovery = Un código de la aplicación, o un código de recuperación
account-turn-off = Desactivar el inicio de sesión en dos pasos
account-off = Desactivado. Activado, el inicio de sesión también pide un código de una aplicación de autenticación en su teléfono.
account-set-up = Configurar el inicio de sesión en dos pasos
account-email = Correo de inicio de sesión
account-new-email = Nuevo correo
account-change-email = Cambiar el correo
account-current-password = Contraseña actual
account-change-password = Cambiar la contraseña
account-code-not-now = Ese código no es el que muestra ahora su aplicación; escriba los seis dígitos actuales.
account-two-factor-on = El inicio de sesión en dos pasos está activado. Guarde estos códigos de recuperación en un lugar seguro: cada uno abre su cuenta una vez si pierde el teléfono, y solo se muestran ahora.
account-two-factor-off = El inicio de sesión en dos pasos está desactivado.
account-password-changed = Su contraseña ha cambiado; sus otras sesiones han terminado.
account-email-taken = Otra cuenta inicia sesión con ese correo.
account-email-changed = Su correo de inicio de sesión ha cambiado; úselo la próxima vez que inicie sesión.
account-too-many = Demasiados intentos fallidos; espere un minuto y vuelva a intentarlo.
account-code-wrong = Se necesita el código de su aplicación de autenticación (o un código de recuperación), y ese no es correcto.
account-password-wrong = Su contraseña actual no es correcta.
saved-created = Creado. Todo lo demás está abajo.
saved-settings = Guardado: los ajustes.
saved-text = Guardado: el texto.
saved-image = Guardado: la imagen.
saved-status = Guardado: el estado.
saved-archived = Guardado: el archivado.
saved-links = Guardado: lo que tiene vinculado.
saved-transparency = Guardado: la página de transparencia.
saved-access = Guardado: quién tiene acceso, y con qué función.
saved-languages = Guardado: los textos en los otros idiomas.
stop-added = Parada añadida: { $stop }.
stop-added-no-campaign = Todavía no apoya ninguna campaña: elija en su página.
stop-added-campaigns = Como las demás paradas de la gira, apoya { $count } campaña(s); cámbielo en su página.
codes-created-per-stop = { $count } código(s) creado(s), uno por parada.
codes-kept = Estas paradas ya tenían uno, que conservan: { $stops }.
codes-repointed = { $count } código(s) redirigido(s). El cambio vale desde el próximo escaneo; deshágalo abajo si hace falta.
members-invited = Invitación creada para { $email } como { $role }. Envíele este enlace; funciona una vez, en 7 días:
members-revoked = La invitación está revocada: su enlace ya no funciona.
payments-saved = Ajustes de pago guardados.

## Una invitación
invite-join = Unirse a { $org }
invite-invited = Le han invitado a { $org } como { $role }, con la dirección de correo { $email }.
invite-existing = Ya tiene una cuenta de Chorus. Escriba su contraseña para aceptar.
invite-choose-password = Elija una contraseña
invite-password-help = Al menos 8 caracteres; una frase corta es fácil de recordar y difícil de adivinar.
invite-password-again = La contraseña, otra vez
invite-accept = Aceptar la invitación
invite-wrong-password = Esa no es la contraseña de esta cuenta.

## La portada
landing-intro = Chorus convierte la audiencia de un embajador de buena voluntad en apoyo medido a una causa humanitaria: campañas en muchos idiomas, giras y eventos, enlaces y códigos QR, firmas y donaciones, e informes honestos.
landing-login = Acceso del equipo

## La puesta en marcha
setup-heading = Poner en marcha Chorus
setup-intro = Cree su organización y su primera cuenta de propietario. Este enlace funciona una vez.
setup-correct = Corrija lo siguiente:
setup-org-name = Nombre de la organización
setup-org-slug = Nombre corto para las direcciones web
setup-slug-help = Minúsculas, cifras y guiones; las páginas de campaña vivirán bajo él, por ejemplo
setup-email = Su correo
setup-create = Crear la organización y la cuenta
go-live-title = Un título, en al menos un idioma
go-live-title-and-text = Un título y un texto en { $language }
go-live-money-goal = Un objetivo de fondos, para que la página muestre el progreso
go-live-hero-image = Una imagen principal
go-live-call-to-action = Una llamada a la acción junto al formulario de firma
go-live-payments = Los pagos configurados, para que se pueda donar
go-live-refused = Antes de publicarla, la página necesita esto: { $need }.
supporters-marked-spam = { $count } firma(s) o inscripción(es) marcada(s) como no deseada(s); contadores recalculados.
supporters-restored = { $count } firma(s) o inscripción(es) restaurada(s); contadores recalculados.
live-shown = { $count } mostrado(s) en la pantalla del recinto.
live-kept-off = { $count } fuera de la pantalla del recinto.
sign-in-warning = Desde su inicio de sesión anterior, { $count } intento(s) de iniciar sesión en su cuenta fallaron (el último a las { $last }). Si no fue usted, cambie su contraseña.
import-posts-dry-run = Prueba: se importarían { $count } publicaciones ({ $linked } vinculadas a un código); no se cambió nada.
import-posts-done = { $count } publicaciones importadas ({ $linked } vinculadas a un código); las publicaciones importadas antes se reemplazaron.
import-attendance-dry-run = Prueba: se registraría la asistencia de { $count } eventos; no se cambió nada.
import-attendance-done = Asistencia registrada para { $count } eventos.
money-gift-recorded = Donación fuera de línea { $reference } de { $amount } registrada.
money-import-dry-run = Prueba: se registrarían { $count } donaciones; no se cambió nada.
money-imported = { $count } donaciones fuera de línea importadas.
money-commitment-recorded = { $kind } de { $amount } de { $party } registrado; no cuenta como recibido hasta que se pague.
money-marked-paid = Marcado como pagado: su importe es ahora una donación fuera de línea.
money-cancelled = Cancelado.
reconcile-imported = { $count } transacciones de saldo importadas.
