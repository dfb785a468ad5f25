/** The part of Swagger UI's ES bundle the reference page uses (the package ships no types). */
declare module 'swagger-ui-dist/swagger-ui-es-bundle.js' {
  interface SwaggerUIOptions {
    url: string;
    dom_id: string;
    deepLinking?: boolean;
    persistAuthorization?: boolean;
    displayOperationId?: boolean;
    defaultModelsExpandDepth?: number;
  }
  export default function SwaggerUI(options: SwaggerUIOptions): unknown;
}
declare module 'swagger-ui-dist/swagger-ui.css';
