/** The console shell: a header with the two pages, chosen by the URL hash (#/pos, #/issuer). */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { IssuerPage } from './issuer/IssuerPage';
import { PosPage } from './pos/PosPage';
import './style.css';

function currentPage(): string {
  return location.hash.startsWith('#/issuer') ? 'issuer' : 'pos';
}

function App() {
  const [page, setPage] = useState(currentPage());
  useEffect(() => {
    const on = (): void => setPage(currentPage());
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return (
    <>
      <header>
        <strong class="brand">ArkPay</strong>
        <nav>
          <a href="#/pos" class={page === 'pos' ? 'active' : ''}>
            POS simulator
          </a>
          <a href="#/issuer" class={page === 'issuer' ? 'active' : ''}>
            Issuer console
          </a>
        </nav>
      </header>
      <main>{page === 'issuer' ? <IssuerPage /> : <PosPage />}</main>
    </>
  );
}

const root = document.getElementById('app');
if (root !== null) render(<App />, root);
