/* Autoguardado del portal: un solo cliente para el editor del plan, el cuestionario del
   diagnóstico y el informe trimestral. Sin este script cada página sigue funcionando con sus
   botones «Guardar».

   Marcado. Una «unidad» de guardado es un formulario o un contenedor con:
     data-autoguardado="URL"              a dónde se guarda (POST);
     data-autoguardado-token="NOMBRE"     el campo con la revisión que la página recibió;
     data-autoguardado-estado="#id"       la zona de estado (una línea fija: no empuja la página);
     data-autoguardado-clave="TEXTO"      (opcional) la llave en localStorage; si falta, la
                                          ruta de la página y el id de la unidad;
     data-autoguardado-interceptar        (opcional, en un formulario) su botón «Guardar» guarda
                                          aquí mismo en lugar de enviar la página.
   Se guardan los campos con nombre de la unidad (los de un formulario, o los que están dentro
   del contenedor), sin archivos.

   Contrato con el servidor (uig_portal/lib/concurrencia.py lo documenta del lado de Python):
     Petición: POST application/x-www-form-urlencoded con esos campos (incluida la revisión),
       cabeceras «X-CSRFToken» (de la cookie csrftoken) y «X-Autoguardado: 1».
     200 con «X-Autoguardado: guardado»: se guardó. «X-Revision» es la revisión nueva (se pone
       en el campo de revisión) y el cuerpo, un fragmento HTML para la zona de estado
       («Guardado a las HH:MM»); sus elementos con hx-swap-oob reemplazan al de igual id.
     409 «conflicto»: alguien guardó en medio; nada se guardó. Se muestra el aviso del cuerpo
       y esta unidad deja de guardar (no pisa lo ajeno); lo escrito queda en el navegador.
     400/422 «invalido»: datos por corregir; se muestra el cuerpo y se reintenta con el
       siguiente cambio. 401 «sesion», 404 «no_existe»: igual. 403 «no_editable»: se detiene.
     Cualquier otra cosa (sin conexión, error 5xx, una página sin «X-Autoguardado»): «No se
       pudo guardar» y se reintenta solo, con espera creciente y al volver la conexión.

   Nada se pierde: lo escrito se copia en localStorage en cada cambio y se borra solo cuando
   el servidor confirma el guardado. Al cargar la página, si quedó algo sin confirmar con la
   misma revisión (se cortó la red, se cerró la pestaña), se restaura y se guarda; si la
   revisión ya cambió (alguien guardó después), se ofrece «Recuperar mis cambios» o
   «Descartarlos».

   API: window.Autoguardado.iniciar(raiz) prepara las unidades nuevas (se llama sola al cargar y
   después de cada intercambio de htmx); .guardarTodo() guarda ya lo pendiente y devuelve una
   promesa; .pendiente() dice si hay algo sin confirmar. Cada respuesta dispara en la unidad
   el evento «autoguardado:respuesta» (detail: {status, tipo}). */
(function () {
  "use strict";

  var TEXTOS = {
    guardando: "Guardando…",
    guardado: "Guardado a las %(hora)s",
    sinConexion: "No se pudo guardar: sin conexión. Se reintentará en %(s)s s; lo escrito se conserva en este navegador.",
    error: "No se pudo guardar (error %(codigo)s). Se reintentará en %(s)s s; lo escrito se conserva en este navegador.",
    restaurado: "Se recuperó lo que no se había guardado; guardando…",
    recuperar: "Hay cambios suyos de las %(hora)s que no se guardaron, y alguien guardó esta parte después.",
    botonRecuperar: "Recuperar mis cambios",
    botonDescartar: "Descartarlos",
    pendiente: "Hay cambios que aún no se guardan."
  };
  var ESPERA_ESCRIBIR = 1500, ESPERA_CAMBIO = 400, REINTENTOS = [2, 5, 10, 20, 30];
  var estados = new WeakMap();
  var saliendo = false;

  function texto(clave, datos) {
    var t = TEXTOS[clave];
    Object.keys(datos || {}).forEach(function (k) { t = t.replace("%(" + k + ")s", datos[k]); });
    return t;
  }

  function agregarEstilos() {
    if (document.getElementById("estilos-autoguardado")) { return; }
    var estilo = document.createElement("style");
    estilo.id = "estilos-autoguardado";
    // La zona de estado siempre ocupa su línea (aunque esté vacía): «Guardando…» y «Guardado»
    // no mueven la página. Solo un aviso largo (conflicto, datos por corregir) la agranda.
    estilo.textContent =
      ".autoguardado-estado{display:block!important;min-height:1.6rem;}" +
      ".autoguardado-linea{display:block;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;}" +
      ".autoguardado-estado.con-aviso{max-height:10rem;overflow-y:auto;}";
    document.head.appendChild(estilo);
  }

  function cookie(nombre) {
    var m = document.cookie.match("(?:^|; )" + nombre + "=([^;]*)");
    return m ? decodeURIComponent(m[1]) : null;
  }

  function unidades(raiz) {
    var lista = Array.prototype.slice.call((raiz || document).querySelectorAll("[data-autoguardado]"));
    if (raiz && raiz.matches && raiz.matches("[data-autoguardado]")) { lista.unshift(raiz); }
    return lista;
  }

  function estadoDe(u) {
    var e = estados.get(u);
    if (!e) {
      e = { cambios: 0, guardados: 0, enVuelo: null, temporizador: null, reintento: 0, detenido: false };
      estados.set(u, e);
    }
    return e;
  }

  function zona(u) { return document.querySelector(u.dataset.autoguardadoEstado); }
  function campoToken(u) {
    var nombre = u.dataset.autoguardadoToken;
    return document.querySelector("[name='" + CSS.escape(nombre) + "']");
  }
  function token(u) { var c = campoToken(u); return c ? c.value : ""; }
  function llave(u) {
    return "autoguardado:" + (u.dataset.autoguardadoClave || location.pathname + "#" + u.id);
  }

  // --- Campos ----------------------------------------------------------------------------

  function controles(u) {
    var lista = u.tagName === "FORM" ? Array.prototype.slice.call(u.elements)
      : Array.prototype.slice.call(u.querySelectorAll("input, select, textarea"));
    return lista.filter(function (c) {
      return c.name && !c.disabled && c.name !== "csrfmiddlewaretoken" && c.name !== u.dataset.autoguardadoToken &&
        ["file", "submit", "button", "reset", "image"].indexOf(c.type) < 0;
    });
  }

  function valores(u) {
    var v = {};
    controles(u).forEach(function (c) {
      if (!v[c.name]) { v[c.name] = []; }
      if (c.type === "checkbox" || c.type === "radio") {
        if (c.checked) { v[c.name].push(c.value); }
      } else if (c.tagName === "SELECT" && c.multiple) {
        Array.prototype.forEach.call(c.selectedOptions, function (o) { v[c.name].push(o.value); });
      } else {
        v[c.name].push(c.value);
      }
    });
    return v;
  }

  function poner(u, v) {
    var usados = {};
    controles(u).forEach(function (c) {
      var lista = v[c.name];
      if (!lista) { return; }
      if (c.type === "checkbox" || c.type === "radio") {
        c.checked = lista.indexOf(c.value) >= 0;
      } else if (c.tagName === "SELECT" && c.multiple) {
        Array.prototype.forEach.call(c.options, function (o) { o.selected = lista.indexOf(o.value) >= 0; });
      } else {
        var i = usados[c.name] || 0;
        c.value = i < lista.length ? lista[i] : "";
        usados[c.name] = i + 1;
      }
    });
    // Para que la página reaccione (condiciones del cuestionario) y se programe el guardado.
    var primero = controles(u)[0];
    if (primero) { primero.dispatchEvent(new Event("change", { bubbles: true })); }
  }

  function iguales(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

  // --- Borrador en localStorage ----------------------------------------------------------

  function guardarBorrador(u) {
    try {
      localStorage.setItem(llave(u), JSON.stringify({ token: token(u), valores: valores(u), momento: Date.now() }));
    } catch (error) { /* Sin almacenamiento (modo privado lleno): se sigue sin copia local. */ }
  }
  function leerBorrador(u) {
    try { return JSON.parse(localStorage.getItem(llave(u)) || "null"); } catch (error) { return null; }
  }
  function borrarBorrador(u) {
    try { localStorage.removeItem(llave(u)); } catch (error) { /* nada que borrar */ }
  }

  // --- Zona de estado --------------------------------------------------------------------

  function linea(u, mensaje, clase) {
    var z = zona(u);
    if (!z) { return; }
    var span = document.createElement("span");
    span.className = "autoguardado-linea " + (clase || "text-body-secondary");
    span.textContent = mensaje;
    span.title = mensaje;
    z.classList.remove("con-aviso");
    z.replaceChildren(span);
  }

  // Dibuja el fragmento del servidor en la zona; lo marcado con hx-swap-oob va a su lugar.
  function pintar(u, html, conAviso) {
    var z = zona(u);
    var plantilla = document.createElement("template");
    plantilla.innerHTML = html;
    plantilla.content.querySelectorAll("[hx-swap-oob]").forEach(function (el) {
      var modo = el.getAttribute("hx-swap-oob");
      el.removeAttribute("hx-swap-oob");
      var destino = el.id && document.getElementById(el.id);
      if (!destino) { el.remove(); return; }
      if (modo === "innerHTML") { destino.replaceChildren.apply(destino, Array.prototype.slice.call(el.childNodes)); el.remove(); }
      else { destino.replaceWith(el); }
      if (window.htmx) { window.htmx.process(modo === "innerHTML" ? destino : el); }
    });
    if (!z) { return; }
    z.classList.toggle("con-aviso", !!conAviso);
    z.replaceChildren(plantilla.content);
    if (window.htmx) { window.htmx.process(z); }
  }

  // --- Guardar ---------------------------------------------------------------------------

  function programar(u, espera) {
    var e = estadoDe(u);
    clearTimeout(e.temporizador);
    e.temporizador = setTimeout(function () { enviar(u); }, espera);
  }

  function cuerpo(u) {
    var datos = new URLSearchParams();
    var v = valores(u);
    Object.keys(v).forEach(function (nombre) { v[nombre].forEach(function (x) { datos.append(nombre, x); }); });
    datos.append(u.dataset.autoguardadoToken, token(u));
    return datos;
  }

  function enviar(u, urgente) {
    var e = estadoDe(u);
    clearTimeout(e.temporizador);
    if (e.enVuelo) { e.otraVez = true; return e.enVuelo; }
    if (e.detenido || e.cambios === e.guardados || !document.body.contains(u)) { return Promise.resolve(); }
    var hasta = e.cambios;
    linea(u, texto("guardando"));
    var cabeceras = { "X-Autoguardado": "1" };
    var csrf = cookie("csrftoken") || (document.querySelector("[name=csrfmiddlewaretoken]") || {}).value;
    if (csrf) { cabeceras["X-CSRFToken"] = csrf; }
    e.enVuelo = fetch(u.dataset.autoguardado, {
      method: "POST", body: cuerpo(u), headers: cabeceras, credentials: "same-origin", keepalive: !!urgente
    }).then(function (r) {
      return r.text().then(function (html) { return { r: r, html: html }; });
    }).then(function (res) {
      var r = res.r, tipo = r.headers.get("X-Autoguardado");
      if (!tipo) { fallar(u, r.status); return { status: r.status, tipo: null }; }
      if (r.ok) {
        var nueva = r.headers.get("X-Revision"), campo = campoToken(u);
        if (nueva !== null && campo) { campo.value = nueva; }
        e.guardados = hasta;
        e.reintento = 0;
        pintar(u, res.html, false);
        if (!res.html.trim()) { linea(u, texto("guardado", { hora: r.headers.get("X-Guardado-Hora") || "" }), "text-success"); }
        if (e.cambios === e.guardados) { borrarBorrador(u); } else { guardarBorrador(u); e.otraVez = true; }
      } else {
        pintar(u, res.html, true);
        // 409 (alguien guardó en medio) y 403 (ya no se edita): no se insiste.
        if (r.status === 409 || r.status === 403) { e.detenido = true; }
      }
      return { status: r.status, tipo: tipo };
    }, function () {
      fallar(u, 0);
      return { status: 0, tipo: null };
    }).then(function (detalle) {
      e.enVuelo = null;
      u.dispatchEvent(new CustomEvent("autoguardado:respuesta", { bubbles: true, detail: detalle }));
      if (e.otraVez) { e.otraVez = false; if (!e.detenido && e.cambios !== e.guardados && !e.fallando) { programar(u, ESPERA_CAMBIO); } }
    });
    return e.enVuelo;
  }

  function fallar(u, codigo) {
    var e = estadoDe(u);
    var s = REINTENTOS[Math.min(e.reintento, REINTENTOS.length - 1)];
    e.reintento += 1;
    e.fallando = true;
    linea(u, codigo ? texto("error", { codigo: codigo, s: s }) : texto("sinConexion", { s: s }), "text-danger");
    clearTimeout(e.temporizador);
    e.temporizador = setTimeout(function () { e.fallando = false; enviar(u); }, s * 1000);
  }

  function cambio(ev) {
    var u = ev.target.closest && ev.target.closest("[data-autoguardado]");
    if (!u || ev.target.type === "file") { return; }
    if (!u.dataset.autoguardadoListo) { iniciar(u); }
    var e = estadoDe(u);
    e.cambios += 1;
    guardarBorrador(u);
    if (e.detenido || e.fallando) { return; }
    programar(u, ev.type === "change" ? ESPERA_CAMBIO : ESPERA_ESCRIBIR);
  }

  // --- Al cargar: zona de estado y lo que quedó sin confirmar ----------------------------

  function ofrecerRecuperar(u, borrador) {
    var z = zona(u);
    if (!z) { return; }
    var hora = new Date(borrador.momento).toTimeString().slice(0, 5);
    var p = document.createElement("span");
    p.className = "text-danger";
    p.textContent = texto("recuperar", { hora: hora }) + " ";
    var si = document.createElement("button");
    si.type = "button";
    si.className = "btn btn-outline-primary btn-sm ms-1";
    si.textContent = texto("botonRecuperar");
    var no = document.createElement("button");
    no.type = "button";
    no.className = "btn btn-outline-secondary btn-sm ms-1";
    no.textContent = texto("botonDescartar");
    si.addEventListener("click", function () {
      estadoDe(u).detenido = false;
      poner(u, borrador.valores);
      linea(u, texto("restaurado"));
    });
    no.addEventListener("click", function () { borrarBorrador(u); z.replaceChildren(); z.classList.remove("con-aviso"); });
    z.classList.add("con-aviso");
    z.replaceChildren(p, si, no);
  }

  function iniciar(raiz) {
    agregarEstilos();
    unidades(raiz).forEach(function (u) {
      if (u.dataset.autoguardadoListo) { return; }
      u.dataset.autoguardadoListo = "1";
      var z = zona(u);
      if (z) { z.classList.add("autoguardado-estado"); }
      var borrador = leerBorrador(u);
      if (!borrador) { return; }
      if (iguales(borrador.valores, valores(u))) { borrarBorrador(u); return; }
      if (borrador.token === token(u)) {
        poner(u, borrador.valores);
        linea(u, texto("restaurado"));
      } else {
        estadoDe(u).detenido = true;
        ofrecerRecuperar(u, borrador);
      }
    });
  }

  function pendientes() {
    return unidades().filter(function (u) {
      var e = estadoDe(u);
      return e.enVuelo || (!e.detenido && e.cambios !== e.guardados);
    });
  }

  function guardarTodo(urgente) {
    return Promise.all(pendientes().map(function (u) {
      var e = estadoDe(u);
      return (e.enVuelo || Promise.resolve()).then(function () { return enviar(u, urgente); });
    }));
  }

  document.addEventListener("input", cambio);
  document.addEventListener("change", cambio);

  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    if (form.matches("[data-autoguardado][data-autoguardado-interceptar]")) {
      ev.preventDefault();
      var e = estadoDe(form);
      e.detenido = false;
      if (e.cambios === e.guardados) { e.cambios += 1; }
      enviar(form);
      return;
    }
    // Lo que ya maneja otro script (htmx: agregar, mover, evidencias…) no es un envío de página.
    if (ev.defaultPrevented || form.matches("[hx-post], [hx-get]")) { return; }
    // Un envío de la página completa espera a que termine el guardado en curso, para que
    // lleve la revisión que este devuelva (si no, chocaría con su propio guardado).
    var enCurso = unidades().filter(function (u) { return estadoDe(u).enVuelo; });
    unidades().forEach(function (u) { clearTimeout(estadoDe(u).temporizador); });
    if (enCurso.length) {
      ev.preventDefault();
      var boton = ev.submitter;
      Promise.all(enCurso.map(function (u) { return estadoDe(u).enVuelo; })).then(function () {
        saliendo = true;
        form.requestSubmit(boton || undefined);
      });
      return;
    }
    saliendo = true;
  });

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") { guardarTodo(true); }
  });
  window.addEventListener("online", function () {
    unidades().forEach(function (u) {
      var e = estadoDe(u);
      if (e.fallando) { e.fallando = false; e.reintento = 0; enviar(u); }
    });
  });
  window.addEventListener("beforeunload", function (ev) {
    if (saliendo || !pendientes().length) { return; }
    ev.preventDefault();
    ev.returnValue = texto("pendiente");
  });
  // Tarjetas nuevas (agregar, duplicar): se preparan al llegar.
  document.addEventListener("htmx:afterSettle", function () { iniciar(document); });

  window.Autoguardado = {
    iniciar: iniciar,
    guardarTodo: function () { return guardarTodo(false); },
    pendiente: function () { return pendientes().length > 0; }
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { iniciar(document); });
  } else {
    iniciar(document);
  }
})();
