/**
 * The rendered API reference (/docs): Swagger UI, bundled from npm with the console (no CDN), reading
 * the service's own /openapi.json. No inline script or style, so the console's CSP holds.
 */
import SwaggerUI from 'swagger-ui-dist/swagger-ui-es-bundle.js';
import 'swagger-ui-dist/swagger-ui.css';

SwaggerUI({
  url: '/openapi.json',
  dom_id: '#docs',
  deepLinking: true,
  // "Try it out" calls this same service; keys are typed by the reader, never stored.
  persistAuthorization: false,
  displayOperationId: true,
  defaultModelsExpandDepth: 0,
});
