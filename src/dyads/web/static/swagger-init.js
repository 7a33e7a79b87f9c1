// Swagger UI for /docs, from the bundled copy; a file, not an inline script, so the
// Content-Security-Policy (script-src 'self') holds.
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis], layout: "BaseLayout" });
