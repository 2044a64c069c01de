skip-to-content = Ir al contenido
org-campaigns = Campañas de { $org }
no-live-campaigns = No hay campañas activas en este momento. Vuelve pronto.
open-campaign = Ver la campaña
campaign-ended = Esta campaña ha terminado. Gracias a todas las personas que participaron; estos son sus resultados.
kind-awareness = Campaña de sensibilización
kind-fundraising = Campaña de recaudación de fondos
kind-emergency_appeal = Llamamiento de emergencia
progress-heading = Avance hacia la meta
raised-of-goal = { $raised } recaudados de { $goal }
actions-of-goal = { $count } de { $goal } acciones
dates-range = { $start } – { $end }
dates-from = Desde el { $start }
with-ambassadors = Con
events-heading = Eventos
event-at = { $venue }, { $city }
languages-heading = Leer esta página en
story-heading = La historia
footer-privacy = Esta página no usa cookies ni carga nada de otros sitios web.
page-not-found = Página no encontrada
page-not-found-text = No hay ninguna página en esta dirección. Puede que se haya movido o terminado.
act-pledge = Firmar el compromiso
act-subscribe = Recibir novedades
pledges-count = { $count ->
    [one] firma confirmada
   *[other] firmas confirmadas
}
pledge-heading = Firmar el compromiso
subscribe-heading = Recibir novedades de { $org }
field-name = Tu nombre
field-email = Correo electrónico
field-country = País
field-message = Un mensaje (opcional, hasta 280 caracteres)
field-show-name = Mostrar públicamente mi nombre y mi mensaje
field-also-subscribe = Enviarme también novedades de esta campaña
consent-pledge = Firmo este compromiso. { $org } guarda mi nombre, correo y país para contar mi firma, y me escribirá una vez para confirmarla. Puedo pedir que se borren mis datos en cualquier momento.
consent-subscription = Envíenme por correo novedades de esta campaña. { $org } guarda mi correo solo para esto, y cada mensaje incluye un enlace para dejar de recibirlos.
button-pledge = Firmar
button-subscribe = Suscribirme
form-fix = Corrige lo siguiente:
error-name = Escribe tu nombre (hasta 100 caracteres).
error-email = Escribe un correo válido, como nombre@ejemplo.org.
error-country = Escribe tu país (hasta 60 caracteres).
error-message = El mensaje puede tener hasta 280 caracteres, sin caracteres de control.
error-consent = Marca la casilla para aceptar.
error-too-old = Este formulario había caducado. Aquí tienes uno nuevo: envíalo de nuevo.
error-ended = Esta campaña terminó y ya no recibe firmas.
error-busy = Mucha gente está firmando ahora mismo. Vuelve a enviar el formulario en un minuto: tus respuestas se conservan abajo.
thanks-heading = ¡Gracias!
thanks-text = Revisa tu correo: te enviamos un enlace para confirmar. Contarás en cuanto lo abras.
thanks-text-unmailed = Hemos recibido tu formulario. Contará en cuanto se confirme.
confirmed-heading = Confirmado. ¡Gracias!
confirmed-text = Tu apoyo ya cuenta.
confirm-invalid = Este enlace de confirmación no es válido o ha caducado.
back-to-campaign = Volver a la campaña
offline-saved = Ahora no hay conexión. Tu formulario queda guardado en este teléfono y se enviará en cuanto vuelva la conexión.
offline-sent = Tu formulario guardado se ha enviado. ¡Gracias!
offline-sending = Enviando…
offline-busy = La campaña está muy solicitada ahora mismo. Tu formulario queda guardado en este teléfono y se enviará en un momento.
offline-refused = No se pudo enviar tu formulario guardado. Por favor, vuelve a rellenar el formulario.
mail-confirm-subject-pledge = Confirma tu firma, por favor: { $campaign }
mail-confirm-subject-subscription = Confirma tu suscripción a las novedades, por favor: { $campaign }
mail-confirm-subject-both = Confirma tu firma y tu suscripción a las novedades, por favor: { $campaign }
mail-confirm-body = Hola{ $name }:
    gracias por participar en «{ $campaign }» con { $org }.
    { $links }
    Si no fuiste tú, ignora este mensaje: no se contará nada.
mail-confirm-link-pledge = Para confirmar tu firma, abre este enlace (válido 7 días):
mail-confirm-link-subscription = Para confirmar que quieres recibir novedades, abre este enlace (válido 7 días):
error-proof-of-work = Este formulario necesita JavaScript para comprobar que eres una persona. Actívalo y envía el formulario de nuevo.
act-donate = Donar
donors-count = { $count ->
    [one] donante (donaciones reembolsadas no cuentan)
   *[other] donantes (donaciones reembolsadas no cuentan)
}
donate-heading = Hacer una donación
field-currency = Moneda
field-amount = Importe
field-other-amount = Otro importe
field-frequency = Frecuencia
frequency-once = Una vez
frequency-monthly = Cada mes
field-cover-fee = Añadir un { $percent } % para que mi donación llegue entera tras la comisión de la tarjeta
donate-secure = Pagas en la página segura de nuestro proveedor de pagos: los datos de tu tarjeta nunca nos llegan.
button-donate = Continuar al pago
error-gift-currency = Elige una de las monedas de la lista.
error-gift-amount = Escribe un importe como 25 o 25.50.
error-gift-minimum = La donación mínima es de { $amount }.
error-gift-maximum = La donación máxima en línea es de { $amount }.
error-gift-unavailable = Aquí todavía no se pueden hacer donaciones en línea.
error-gift-provider = El servicio de pago no respondió. No se cobró nada; inténtalo de nuevo en un momento.
error-gift-busy = Se están iniciando muchas donaciones ahora mismo. Inténtalo de nuevo en un minuto.
gift-thanks-heading = ¡Gracias por tu donación!
gift-thanks-text = Tu pago se está confirmando. Recibirás el recibo por correo electrónico de nuestro proveedor de pagos.
# Informes de impacto
report-title = Informe de impacto
report-period = del { $from } al { $to }
report-generated = Cifras al { $date }
report-reach-note = Las personas alcanzadas se muestran por partes y nunca se suman en un solo número: la misma persona puede haber asistido, visto una publicación y visitado la página.
report-about = unos { $value }
report-key-figures = Cifras clave
report-figure = Indicador
report-this-period = Este período
report-previous-period = Período anterior
report-change = Variación
report-method = Cómo se cuenta
fig-attendance = Asistencia presencial
fig-impressions = Impresiones en redes
fig-social-reach = Alcance en redes
fig-visits = Visitas
fig-unique-visitors = Visitantes únicos en línea
fig-scans = Escaneos de código QR
fig-links = Clics en enlaces
fig-pledges = Compromisos
fig-pledges-confirmed = Compromisos confirmados
fig-subscriptions = Suscripciones a novedades
fig-gifts = Donaciones
fig-money = Dinero recibido
fig-money-in = Dinero recibido en { $currency }
fig-unvalued = Donaciones aún sin valorar
method-attendance = Conteos del recinto, escáneres de entradas o estimaciones por evento; cada parada indica su fuente.
method-impressions = Las cifras de las propias plataformas, importadas de sus exportaciones. No son personas: una persona puede ver una publicación muchas veces.
method-social-reach = El recuento de cuentas alcanzadas por publicación según la plataforma (impresiones si no lo da), sumado entre publicaciones: sin deduplicar.
method-visits = Visitas de personas por enlaces, códigos QR y la página de la campaña; se excluyen bots y vistas previas.
method-unique-visitors = Una estimación HyperLogLog (error típico ±{ $error } %) de visitantes distintos por día, sumada entre días: quien visita dos días cuenta dos veces. No se guarda ninguna cookie ni dirección IP.
method-scans = Visitas llegadas por un código QR impreso.
method-links = Visitas llegadas por un enlace corto.
method-pledges = Compromisos no marcados como spam ni vencidos, confirmados por correo o aún no.
method-pledges-confirmed = Compromisos cuyo firmante confirmó su correo.
method-subscriptions = Suscripciones a novedades, no marcadas como spam ni vencidas.
method-gifts = Donaciones recibidas en línea y fuera de línea cuyo dinero se conservó: una donación reembolsada por completo o perdida en una disputa no se cuenta; reembolsos parciales y disputas perdidas se descuentan de los importes.
method-money = Cada donación valorada en { $currency } al tipo de cambio de su día, menos reembolsos y disputas perdidas.
method-money-in = Donaciones en esta moneda, menos reembolsos y disputas perdidas, antes de convertir.
method-unvalued = Donaciones cuyo día aún no tiene tipo de cambio: contadas en su moneda, no en el total.
report-funnel = Del alcance a las donaciones
report-step = Paso
report-conversion = Tasa
step-visited = Visitaron (visitantes únicos)
step-acted = Actuaron (compromisos y suscripciones)
step-donated = Donaron (donaciones cuyo dinero se conservó)
report-stops = Por parada
report-stop = Parada
report-date = Fecha
report-city = Ciudad
report-source = Fuente
report-not-at-stop = Sin parada
report-channels = Por canal
report-channel = Canal
report-days = Día a día
report-day = Día
report-actions = Acciones
# El contador en directo en la pantalla del recinto
live-totals = Totales
live-raised = recaudados
live-progress = Avance hacia la meta
live-goal = Meta:
live-scan = Escanea para sumar tu nombre
live-latest = Últimos apoyos
live-anonymous = Una persona
live-gift = Una nueva donación
live-reconnecting = Reconectando…
report-all-campaigns = Todas las campañas
report-synthetic = Estas cifras provienen de los datos sintéticos de la demostración: inventados como ejemplo, no son personas ni dinero reales.
transparency-title = Cómo va esta campaña y cómo contamos
transparency-intro = Cada cifra se calcula a partir de los registros de la campaña y de las cifras importadas de las plataformas, las mismas que la organización presenta a su junta. Aquí no se nombra a ninguna persona.
fig-promised-in = Compromisos y gravámenes aún no pagados, en { $currency }
method-promised-in = Dinero anunciado por socios y gravámenes por entrada vendida en una parada: se muestran aparte y nunca se suman al dinero recibido hasta pagarse, cuando pasan a ser donaciones.

# Funnel of figures of one kind; confirmed sign-ups.
fig-subscriptions-confirmed = Suscripciones confirmadas
method-subscriptions-confirmed = Suscripciones a novedades cuya persona confirmó su correo.
report-number = Número
report-rate-of = Tasa sobre
step-attended = Asistieron (en persona, en las paradas)
step-social-reach = Alcanzadas en redes (cuentas)
step-scanned = Escanearon un código QR
funnel-basis-attendance = de la asistencia
funnel-basis-unique-visitors = de los visitantes únicos
method-funnel-attended = Asistencia declarada por las paradas
method-funnel-social-reach = Cifras de las plataformas, importadas
method-funnel-scanned = Visitas por un código QR impreso
method-funnel-visited = Estimación (±{ $error } %), en línea, de todos los canales
method-funnel-acted = Pendientes o confirmados
method-funnel-donated = En línea y fuera de línea
thanks-standing = { $count ->
    [one] { $number } persona ha confirmado su firma hasta ahora.
   *[other] { $number } personas han confirmado su firma hasta ahora.
}
confirmed-standing = { $count ->
    [1] Su firma es la primera confirmada.
   *[other] Ahora es una de las { $number } firmas confirmadas.
}
