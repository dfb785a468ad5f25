/** The console shell: a header with the two pages (chosen by the URL hash, #/pos, #/issuer), the API reference and the language. */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { type Lang, lang, setLang, t } from './i18n';
import { IssuerPage } from './issuer/IssuerPage';
import { PosPage } from './pos/PosPage';
import './style.css';

function currentPage(): string {
  return location.hash.startsWith('#/issuer') ? 'issuer' : 'pos';
}

function App() {
  const [page, setPage] = useState(currentPage());
  const [language, setLanguage] = useState<Lang>(lang());
  useEffect(() => {
    const on = (): void => setPage(currentPage());
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  const choose = (l: Lang): void => {
    setLang(l);
    setLanguage(l);
  };
  return (
    <div key={language}>
      <header>
        <strong class="brand">ArkPay</strong>
        <nav>
          <a href="#/pos" class={page === 'pos' ? 'active' : ''} aria-current={page === 'pos' ? 'page' : undefined}>
            {t('nav_pos')}
          </a>
          <a
            href="#/issuer"
            class={page === 'issuer' ? 'active' : ''}
            aria-current={page === 'issuer' ? 'page' : undefined}
          >
            {t('nav_issuer')}
          </a>
          <a href="/docs">{t('nav_docs')}</a>
        </nav>
        <select
          class="lang"
          aria-label={t('language')}
          value={language}
          onChange={(e) => choose(e.currentTarget.value as Lang)}
        >
          <option value="en">English</option>
          <option value="zh">简体中文</option>
        </select>
      </header>
      <main>{page === 'issuer' ? <IssuerPage /> : <PosPage />}</main>
    </div>
  );
}

setLang(lang());
const root = document.getElementById('app');
if (root !== null) render(<App />, root);
