/* Formulario del diagnóstico: preguntas condicionales en el navegador y marcas de error. El
   autoguardado de cada pregunta es static/js/autoguardado.js.

   Las condiciones se evalúan igual que en diagnosticos/condiciones.py (el servidor es la autoridad
   al enviar): una regla sobre una pregunta sin respuesta no se cumple, y la respuesta de una
   pregunta escondida no cuenta para las siguientes, aunque estén en otra sección (los valores de
   las demás secciones llegan en #datos-condiciones). Sin este script la sección se ve con las
   condiciones evaluadas por el servidor y se guarda con el botón «Guardar sección». */
(function () {
  "use strict";
  var raiz = document.getElementById("formulario-diagnostico");
  var datosEl = document.getElementById("datos-condiciones");
  if (!raiz || !datosEl) { return; }
  var datos = JSON.parse(datosEl.textContent);

  // --- Valores, como los guarda diagnosticos/valores.py -------------------------------------

  function vacio(v) {
    return v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);
  }

  var NUMERO = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

  function numero(v) {
    if (vacio(v) || Array.isArray(v) || typeof v === "boolean") { return null; }
    if (typeof v === "number") { return isFinite(v) ? v : null; }
    var t = String(v).trim();
    return NUMERO.test(t) ? Number(t) : null;
  }

  // Lo escrito en un campo numérico, como lo normalizaría el servidor («1,5», «40 %»).
  function limpiarNumero(t) {
    var limpio = t.replace(/[\s\u00a0]/g, "").replace(/%$/, "");
    if (limpio.indexOf(",") >= 0 && limpio.indexOf(".") < 0 && limpio.split(",").length === 2) {
      limpio = limpio.replace(",", ".");
    }
    return NUMERO.test(limpio) ? limpio : t;
  }

  function valorEnPantalla(pregunta) {
    var control = pregunta.dataset.control;
    if (control === "nota") { return null; }
    var campos = pregunta.querySelectorAll("[name$='-valor']");
    if (control === "radios" || control === "casillas") {
      var elegidos = [];
      campos.forEach(function (c) { if (c.checked) { elegidos.push(c.value); } });
      if (control === "radios") { return elegidos.length ? elegidos[elegidos.length - 1] : null; }
      return elegidos.length ? elegidos : null;
    }
    if (!campos.length) { return null; }
    var texto = campos[0].value.trim();
    if (!texto) { return null; }
    return control === "numero" ? limpiarNumero(texto) : texto;
  }

  // --- Condiciones, como diagnosticos/condiciones.py ----------------------------------------

  function iguales(a, b) {
    var na = numero(a), nb = numero(b);
    if (na !== null && nb !== null) { return na === nb; }
    return String(a) === String(b);
  }

  function cumpleRegla(regla, valores) {
    var actual = valores[regla.pregunta];
    if (vacio(actual)) { return false; }
    var operador = regla.operador, esperado = regla.valor;
    if (operador === "mayor" || operador === "menor") {
      var n = numero(actual), limite = numero(esperado);
      if (n === null || limite === null) { return false; }
      return operador === "mayor" ? n > limite : n < limite;
    }
    var elegidos = Array.isArray(actual) ? actual : [actual];
    if (operador === "uno_de") {
      var esperados = Array.isArray(esperado) ? esperado : [esperado];
      return elegidos.some(function (e) { return esperados.some(function (x) { return iguales(e, x); }); });
    }
    var coincide = elegidos.some(function (e) { return iguales(e, esperado); });
    if (operador === "igual" || operador === "contiene") { return coincide; }
    if (operador === "distinto") { return !coincide; }
    return false;
  }

  function cumple(condicion, valores) {
    var reglas = (condicion && condicion.reglas) || [];
    if (!reglas.length) { return true; }
    var resultados = reglas.map(function (r) { return cumpleRegla(r, valores); });
    if (condicion.union === "o") { return resultados.some(Boolean); }
    return resultados.every(Boolean);
  }

  function preguntasEnPantalla() {
    return Array.prototype.slice.call(raiz.querySelectorAll(".pregunta-diag[data-codigo]"));
  }

  function visibles(valores) {
    var efectivos = {}, resultado = {};
    datos.orden.forEach(function (codigo) {
      if (cumple(datos.condiciones[codigo], efectivos)) {
        resultado[codigo] = true;
        if (Object.prototype.hasOwnProperty.call(valores, codigo)) { efectivos[codigo] = valores[codigo]; }
      }
    });
    return resultado;
  }

  function actualizarCondiciones() {
    var valores = Object.assign({}, datos.valores);
    var enPantalla = preguntasEnPantalla();
    enPantalla.forEach(function (p) {
      var v = valorEnPantalla(p);
      if (vacio(v)) { delete valores[p.dataset.codigo]; } else { valores[p.dataset.codigo] = v; }
    });
    var ver = visibles(valores);
    enPantalla.forEach(function (p) {
      var mostrar = !!ver[p.dataset.codigo];
      if (p.hidden === mostrar) { p.hidden = !mostrar; }
    });
  }

  raiz.addEventListener("input", actualizarCondiciones);
  raiz.addEventListener("change", actualizarCondiciones);
  actualizarCondiciones();

  // Enter en un campo de una línea no envía toda la sección: el autoguardado ya lo guarda.
  raiz.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && e.target.matches && e.target.matches("input[type=text], input[type=date]")) {
      e.preventDefault();
      if (window.Autoguardado) { window.Autoguardado.guardarTodo(); }
    }
  });

  if (raiz.classList.contains("vista-previa")) { return; }

  // --- Autoguardado y evidencias --------------------------------------------------------------
  // Cada pregunta se guarda con static/js/autoguardado.js (el único cliente de autoguardado del
  // portal). Aquí quedan las evidencias, que se suben con htmx, y las marcas de error.

  function cookie(nombre) {
    var m = document.cookie.match("(?:^|; )" + nombre + "=([^;]*)");
    return m ? decodeURIComponent(m[1]) : null;
  }

  document.body.addEventListener("htmx:configRequest", function (e) {
    // Si la persona volvió a entrar en otra pestaña, el token CSRF cambió: se usa el vigente.
    var token = cookie("csrftoken");
    if (token) { e.detail.headers["X-CSRFToken"] = token; }
  });

  // Las respuestas de las evidencias con código de error (422, 401…) traen su aviso: se
  // dibujan. Cualquier otra falla se explica junto a la pregunta sin tocar lo escrito.
  document.body.addEventListener("htmx:beforeSwap", function (e) {
    var xhr = e.detail.xhr;
    if (xhr.getResponseHeader("X-Autoguardado")) {
      e.detail.shouldSwap = true;
      e.detail.isError = false;
    } else if (xhr.status >= 400) {
      e.detail.shouldSwap = false;
      avisarFalla(e.detail.requestConfig.elt, xhr.status);
    }
  });
  document.body.addEventListener("htmx:sendError", function (e) { avisarFalla(e.detail.elt, 0); });

  function avisarFalla(elt, codigo) {
    var p = elt.closest ? elt.closest(".pregunta-diag") : null;
    var zona = p ? p.querySelector(".estado-pregunta") : null;
    if (!zona) { return; }
    var span = document.createElement("span");
    span.className = "text-danger";
    span.textContent = codigo ? raiz.dataset.textoError.replace("%(codigo)s", codigo) : raiz.dataset.textoSinConexion;
    zona.replaceChildren(span);
  }

  // Marca como inválidos los controles de las preguntas con error.
  function marcarInvalidos() {
    preguntasEnPantalla().forEach(function (p) {
      var caja = p.querySelector(".error-campo");
      if (!caja) { return; }
      var hay = caja.textContent.trim() !== "";
      p.querySelectorAll(".campos-pregunta [name$='-valor']").forEach(function (campo) {
        campo.classList.toggle("is-invalid", hay && campo.type !== "radio" && campo.type !== "checkbox");
        if (hay) { campo.setAttribute("aria-invalid", "true"); } else { campo.removeAttribute("aria-invalid"); }
      });
    });
  }
  raiz.addEventListener("autoguardado:respuesta", marcarInvalidos);
  document.body.addEventListener("htmx:afterSettle", marcarInvalidos);
  marcarInvalidos();
})();
