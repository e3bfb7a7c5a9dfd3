import { cap, type ErrorMessages } from "./errors";

const status = (s: string) => (s === "" ? "" : ` (${s})`);

/** Los días de un recordatorio: en plural, y mejor como algo que elegir. */
const REMINDER_DAYS = "los días del recordatorio";
/** Un archivo que importar: sus errores dicen qué le pasa al archivo que se eligió. */
const ARCHIVE = "el archivo";
const ARCHIVE_VERSION = "la versión del archivo";
/** El PIN de un perfil: uno incorrecto se lee como qué hacer ahora. */
const PIN = "el PIN";
/** El archivo de audio de una pista guiada: sus errores dicen qué le pasa al archivo que se eligió. */
const TRACK_FILE = "el archivo de audio";

/** Cuánto tiene que esperar un intento de PIN: segundos, o minutos (redondeando hacia arriba) desde dos minutos. */
function wait(seconds: number | null): string {
  if (seconds === null) return "un momento";
  if (seconds >= 120) return `${Math.ceil(seconds / 60)} minutos`;
  const s = Math.max(1, Math.ceil(seconds));
  return s === 1 ? "1 segundo" : `${s} segundos`;
}

export const errorsEs: ErrorMessages = {
  item: (n, text) => `Elemento ${n}: ${text}`,
  said: (text) => `Dijo: «${text}»`,
  provider: {
    rate_limited: (s) =>
      `El modelo de chat está limitando las peticiones${status(s)}; inténtalo de nuevo en un momento.`,
    server: (s) =>
      `El modelo de chat tuvo un problema al responder${status(s)}; inténtalo de nuevo.`,
    connect: () =>
      "No se pudo contactar con el modelo de chat. ¿Está el servidor en marcha y la dirección es correcta?",
    timeout: () =>
      "El modelo de chat no respondió a tiempo. Puede que aún se esté cargando; inténtalo de nuevo o aumenta el tiempo de espera.",
    interrupted: () => "La respuesta se cortó antes de terminar.",
    too_long: () =>
      "La respuesta se detuvo aquí porque se estaba alargando mucho más de lo que debe durar una respuesta.",
    deadline: () => "La respuesta se detuvo aquí porque estaba tardando demasiado en terminar.",
    auth: (s) =>
      `El modelo de chat no aceptó la clave de API${status(s)}. Revisa la clave en los ajustes del proveedor.`,
    rejected: (s) =>
      `El modelo de chat rechazó la petición${status(s)}. Revisa el nombre del modelo y la dirección.`,
    invalid_response: () =>
      "El modelo de chat respondió con algo que no es una respuesta de chat. ¿Son correctos la dirección y el tipo de servidor?",
    missing_key: () =>
      "El modelo de chat necesita una clave de API y no hay ninguna guardada. Añádela en los ajustes del proveedor.",
    not_configured: () =>
      "No hay ningún modelo de chat configurado. Conecta un servidor local (Ollama, llama.cpp, LM Studio) o añade una clave de API en los ajustes del proveedor.",
    not_allowed: () =>
      "Este modelo de chat es un servicio en línea que aún no has permitido. Abre Ajustes › Modelo de chat para ver qué recibiría y permitirlo.",
  },
  reasons: {
    empty: (w) =>
      w.subject === REMINDER_DAYS
        ? `${cap(w.subject)} no pueden quedar vacíos; elige al menos uno.`
        : `${cap(w.subject)} no puede quedar en blanco; escribe algo primero.`,
    too_long: (w) =>
      w.subject === ARCHIVE
        ? "Este archivo es demasiado grande para importarlo."
        : `${cap(w.subject)} admite como máximo ${w.max} caracteres y tiene ${w.actual}. Acórtalo o divídelo.`,
    out_of_range: (w) =>
      w.subject === ARCHIVE_VERSION
        ? "Este archivo se creó con una versión más nueva de Wbot. Actualiza Wbot para importarlo."
        : w.subject === TRACK_FILE
          ? "Este archivo de audio es demasiado grande para importarlo; una pista puede ocupar como máximo 500 MB."
          : w.actual === ""
            ? `Valor fuera de rango para ${w.subject}: debe estar entre ${w.min} y ${w.max}.`
            : `Valor fuera de rango para ${w.subject}: debe estar entre ${w.min} y ${w.max}; se recibió ${w.actual}.`,
    invalid_characters: (w) =>
      `${cap(w.subject)} contiene caracteres que no se pueden guardar (saltos de línea o caracteres de control).`,
    invalid_format: (w) =>
      w.subject === ARCHIVE
        ? "Este archivo no es una exportación de Wbot o está dañado."
        : w.subject === PIN
          ? `Un PIN tiene de ${w.min || "4"} a ${w.max || "8"} dígitos.`
          : w.value === ""
            ? `${cap(w.subject)} no tiene la forma esperada.`
            : `«${w.value}» no es válido como ${w.subject}.`,
    invalid_value: (w) =>
      w.subject === ARCHIVE
        ? "Este archivo contiene datos que esta versión de Wbot no conoce."
        : `«${w.value}» no es ninguno de estos valores: ${w.expected}.`,
    invalid_time: (w) => `«${w.value}» no es una fecha y hora válida para ${w.subject}.`,
    invalid_input: () => "Wbot no ha entendido esta petición. Inténtalo de nuevo.",
    end_before_start: (w) =>
      w.subject === ""
        ? "Una sesión no puede terminar antes de empezar."
        : `${cap(w.subject)} termina antes de empezar.`,
    category_and_prompt: () =>
      "Una entrada escrita a partir de una pregunta necesita la pregunta y su categoría; la escritura libre no lleva ninguna.",
    completed_and_stopped: () =>
      "Una sesión está completada o se detuvo antes de tiempo, no las dos cosas.",
    completed_too_early: () =>
      "Una sesión completada debe haber durado el tiempo previsto; márcala como terminada antes de tiempo.",
    ran_whole_time: () =>
      "Una sesión que duró todo el tiempo previsto está completada, no terminada antes de tiempo.",
    longer_than_planned: () => "Una sesión no puede durar más de lo previsto.",
    longer_than_span: () => "El tiempo meditado es mayor que el tiempo entre el inicio y el fin.",
    too_many_rounds: (w) =>
      `Esta sesión tiene datos de ${w.actual} rondas, pero su configuración permite como máximo ${w.max}.`,
    no_breathing_phase: () => "Al menos una fase del patrón debe durar más de 0 segundos.",
    empty_reply: () => "Una respuesta completa no puede estar vacía.",
    proposal_on_reply: () => "Solo un mensaje tuyo puede llevar una propuesta de actividad.",
    nothing_to_reply_to: () => "No hay ningún mensaje tuyo al que responder.",
    nothing_to_retry: () => "No hay ninguna respuesta que reintentar en esta conversación.",
    no_proposal: () => "Ese mensaje no tiene ninguna propuesta de actividad que responder.",
    proposal_elsewhere: () =>
      "Esta tarjeta propone otra actividad; empieza esa desde su propia página.",
    key_and_removal: () => "Da una clave de API nueva o borra la guardada, pero no las dos cosas.",
    provider_order: () =>
      "El nuevo orden debe incluir cada proveedor de este perfil exactamente una vez.",
    too_many_reminders: (w) =>
      `Un perfil puede tener como máximo ${w.max} recordatorios; elimina uno primero.`,
    too_many_providers: (w) =>
      `Un perfil puede encadenar como máximo ${w.max} proveedores; quita uno primero.`,
    insecure_address: (w) =>
      `«${w.value}» enviaría tus mensajes y tu clave sin cifrar. Usa https://, o http:// solo para un servidor en este dispositivo o en tu red local.`,
    address_with_credentials: () =>
      "Quita el usuario y la contraseña de la dirección; pon la clave de API en su propio campo.",
    no_chat_model: () =>
      "Aún no hay ningún modelo de chat configurado; añade uno en Ajustes → Modelo de chat y vuelve a intentarlo.",
    wrong_pin: (w) =>
      w.count === 0
        ? "Ese no es el PIN. Ahora cada nuevo intento tiene que esperar."
        : w.count === null
          ? "Ese no es el PIN."
          : `Ese no es el PIN. ${w.count === 1 ? "Te queda 1 intento" : `Te quedan ${w.actual} intentos`} antes de que cada intento tenga que esperar.`,
    not_found: (w) => `No se ha encontrado ${w.subject}; puede que se haya borrado.`,
    session_paused: () => "La sesión está en pausa; reanúdala primero.",
    session_ended: () => "Esta sesión ya ha terminado.",
    wrong_phase: () => "Eso no es posible en esta parte de la sesión.",
    reply_in_progress: () =>
      "Todavía está llegando una respuesta en esta conversación; espera a que termine o detenla.",
    reply_not_streaming: () => "Esa respuesta ya no se está recibiendo.",
    profile_locked: () => "Este perfil está bloqueado. Desbloquéalo con su PIN.",
    too_many_attempts: (w) =>
      `Demasiados PIN incorrectos. Vuelve a intentarlo dentro de ${wait(w.count)}.`,
    database_busy: () => "La base de datos está ocupada; inténtalo de nuevo.",
    keychain_unavailable: () =>
      "Este dispositivo no tiene un llavero que Wbot pueda usar, así que no se pueden guardar claves de API. En Linux, inicia un Secret Service (GNOME Keyring o KWallet) y vuelve a intentarlo; un servidor local como Ollama no necesita clave.",
    runtime_missing: () =>
      "No se encontró la biblioteca ONNX Runtime, así que no se pueden buscar recuerdos. Reinstala Wbot o, en una copia de desarrollo, ejecuta scripts/fetch-assets.",
    runtime_unusable: () =>
      "No se pudo usar la biblioteca ONNX Runtime; Wbot necesita ONNX Runtime 1.24 o posterior.",
    model_missing: () =>
      "No se pudo leer el modelo de memoria. Reinstala Wbot o, en una copia de desarrollo, ejecuta scripts/fetch-assets.",
    model_unusable: () =>
      "No se pudo cargar el modelo de memoria. Reinstala Wbot o, en una copia de desarrollo, ejecuta scripts/fetch-assets.",
    data_folder: () =>
      "No se pudo crear la carpeta de datos de Wbot; comprueba el espacio libre y los permisos del disco.",
    notifications_unavailable: () =>
      "El sistema no ha mostrado la notificación. Comprueba que Wbot tiene permiso para enviar notificaciones.",
    data_in_use: (w) =>
      `Los datos de Wbot están abiertos en otro programa${w.value === "" ? "" : ` (proceso ${w.value})`}; ciérralo e inténtalo de nuevo.`,
    file_access: (w) =>
      w.subject !== TRACK_FILE
        ? "No se pudo leer o escribir el archivo."
        : w.value === "NotFound"
          ? "No se encontró el archivo de audio; puede que se haya movido o eliminado."
          : "No se pudo leer el archivo de audio. Comprueba que sigue ahí y que Wbot puede abrirlo.",
    unsupported_audio: (w) =>
      w.value === ""
        ? `Wbot solo reproduce estos formatos de audio: ${w.expected}.`
        : `Wbot no puede reproducir archivos «.${w.value}»; elige un archivo de audio en uno de estos formatos: ${w.expected}.`,
    not_audio: () =>
      "Este archivo no se pudo leer como audio; puede estar dañado o no ser un archivo de audio.",
    audio_incomplete: () =>
      "Este archivo de audio termina antes de la duración que indica; puede ser una descarga incompleta o una copia dañada.",
    nothing_playing: () => "No se está reproduciendo ninguna pista ahora.",
    series_day_locked: (w) =>
      w.actual === "" || w.max === ""
        ? "Este día aún no está disponible; haz primero los días anteriores."
        : `El día ${w.actual} aún no está disponible; haz primero el día ${w.max}.`,
    no_update_pending: () =>
      "Todavía no hay ninguna actualización que instalar; busca actualizaciones primero.",
    updates_unsupported: () =>
      "Esta copia de Wbot no se actualiza sola; la mantiene al día la tienda o el gestor de paquetes de donde vino.",
    update_unreachable: (w) =>
      w.value === "timed_out"
        ? "El servidor de actualizaciones tardó demasiado en responder. No se ha cambiado nada; Wbot lo volverá a intentar más tarde."
        : w.value === "incomplete"
          ? "La descarga se detuvo antes de terminar. No se ha cambiado nada."
          : w.value === "server"
            ? `El servidor de actualizaciones no ha podido responder ahora${status(w.actual)}. Wbot lo volverá a intentar más tarde.`
            : "No se pudo contactar con el servidor de actualizaciones. Wbot lo volverá a intentar más tarde.",
    update_rejected: (w) =>
      w.value === "format"
        ? "Se rechazó la actualización porque no es un paquete para esta instalación. No se ha cambiado nada."
        : "Se rechazó la actualización porque su firma no coincide. No se ha cambiado nada.",
    update_install_failed: (w) =>
      w.value === "cancelled"
        ? "La actualización no se instaló porque se rechazó la petición de permiso del sistema. No se ha cambiado nada."
        : "No se pudo instalar la actualización. No se ha cambiado nada; inténtalo de nuevo más tarde.",
    voice_unavailable: (w) =>
      w.value === "cancelled"
        ? "La meditación dejó de narrarse."
        : w.value === "phonemizer_missing" || w.value === "phonemizer_failed"
          ? "La voz no puede hablar en este dispositivo: falta o ha fallado su ayudante de pronunciación (espeak-ng)."
          : "La voz no puede hablar en este dispositivo: sus archivos faltan o están dañados.",
    internal: () => "Algo salió mal en este dispositivo. Inténtalo de nuevo.",
  },
  subjects: {
    profile: "el perfil",
    display_name: "el nombre",
    pin: PIN,
    onboarding: "las respuestas de bienvenida",
    cue_volume: "el volumen de las señales",
    ambient_volume: "el volumen ambiental",
    voice_cue_volume: "el volumen de las indicaciones habladas",
    breath_volume: "el volumen de los sonidos de respiración",
    weekly_goal: "el objetivo semanal",
    reminder: "el recordatorio",
    reminder_time: "la hora del recordatorio (HH:MM, 24 horas)",
    reminder_days: REMINDER_DAYS,
    notification_text: "el texto de la notificación",
    wellness_item: "el elemento del perfil",
    wellness_note: "la nota",
    volume: "el volumen",
    mood_before: "el ánimo antes",
    mood_after: "el ánimo después",
    conversation: "la conversación",
    message: "el mensaje",
    reply: "la respuesta",
    title: "el título",
    search_text: "la búsqueda",
    result_count: "el número de resultados",
    page_size: "el tamaño de página",
    provider: "el proveedor de chat",
    provider_id: "el identificador del proveedor",
    provider_name: "el nombre del proveedor",
    provider_address: "la dirección del proveedor (p. ej. http://127.0.0.1:11434/v1)",
    model_name: "el nombre del modelo",
    provider_timeout: "el tiempo de espera (segundos)",
    api_key: "la clave de API",
    helpline_region: "la región (un código de país de dos letras, como ES o MX)",
    memory: "el recuerdo",
    memory_batch: "el número de recuerdos añadidos a la vez",
    min_similarity: "la similitud mínima",
    journal_entry: "la entrada del diario",
    journal_prompt: "la pregunta del diario (caracteres)",
    writing_time: "el tiempo de escritura (ms)",
    breathing_session: "la sesión de respiración",
    breathing_phase: "una fase de respiración (segundos)",
    cycles: "el número de ciclos",
    rounds: "el número de rondas",
    breaths: "las respiraciones por ronda",
    breath_tempo: "el ritmo de respiración (segundos)",
    retention_hold: "el objetivo de retención (segundos)",
    recovery_hold: "la retención de recuperación (segundos)",
    recovery_pause: "la pausa de recuperación (segundos)",
    meditation_session: "la sesión de meditación",
    meditation_length: "la duración de la meditación (minutos)",
    bell_interval: "el intervalo entre campanas (minutos)",
    start_time: "la hora de inicio",
    end_time: "la hora de fin",
    mood_checkin: "el registro de ánimo",
    mood: "el ánimo (1–5)",
    emotion: "la emoción",
    checkin_note: "la nota (caracteres)",
    checkin_time: "la hora del registro",
    date: "la fecha (AAAA-MM-DD)",
    utc_offset: "la diferencia horaria (minutos)",
    date_range: "el intervalo de fechas (días)",
    journal_draft: "el borrador (caracteres)",
    archive: ARCHIVE,
    archive_version: ARCHIVE_VERSION,
    update_channel: "el canal de actualizaciones",
    guided_track: "la pista guiada",
    track_file: TRACK_FILE,
    track_language: "el idioma de la pista (un código de dos letras como es)",
    track_position: "la posición en la pista (ms)",
    script: "el guion de la meditación",
    script_pause: "la marca de pausa (como [PAUSE 5s])",
    voice: "la voz",
    meditation_series: "la serie de meditación",
    series_day: "el día de la serie",
  },
};
