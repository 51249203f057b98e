// A React 19 app using the elements the React way: attributes and properties as props, events
// as `on<event-name>` props, state in React. React 19 sets a prop as a *property* when the
// element has one (so `credentials={held}` passes the array itself, not "[object Object]"), and
// adds a listener for any `on…` prop on a custom element. The elements must be defined before
// React renders them, hence the define import first.
import '@citiesoflearning/components/define.js';
import { configure } from '@citiesoflearning/components';
import { StrictMode, useCallback, useState } from 'react';
import { createRoot } from 'react-dom/client';

// The API is the server that serves this page (npm start). allowPrivateNetwork only because that
// server is on this machine: a real app leaves it off.
const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(location.hostname);
configure({ api: location.origin, allowPrivateNetwork: loopback });

const PATHWAY = 'digital-ready-brightwater';

/**
 * `key` is reserved by React (it never reaches the element), so the elements' `key` is set as a
 * property through a ref callback.
 */
const withKey = (value) => (element) => {
  if (element) element.key = value;
};

function App() {
  const [held, setHeld] = useState([]);
  const [progress, setProgress] = useState(0);
  const [error, setError] = useState('');

  // Custom events: detail is the element's payload (see each element's docs page).
  const onClaimed = useCallback((event) => {
    setError('');
    setHeld((list) => [...list, event.detail.credential]);
  }, []);
  const onClaimError = useCallback((event) => setError(event.detail.message), []);
  const onProgress = useCallback((event) => setProgress(Math.round(event.detail.progress * 100)), []);

  return (
    <>
      <header>
        <p className="brand">Brightwater learner hub <span className="tag">demo React app</span></p>
      </header>
      <main>
        <h1>Your badges and where they lead</h1>
        <section aria-labelledby="claim-heading">
          <h2 id="claim-heading">Claim a badge</h2>
          <p>Use the claim code <code>npm start</code> printed for digital-foundations.</p>
          <col-badge-claim achievement="digital-foundations" oncol-claimed={onClaimed} oncol-claim-error={onClaimError} />
          {error && <p role="alert">{error}</p>}
        </section>
        <section aria-labelledby="held-heading">
          <h2 id="held-heading">Your badges</h2>
          <p id="held-count" role="status">{held.length === 0 ? 'No badges yet.' : `${held.length} badge${held.length === 1 ? '' : 's'}, ${progress}% of the pathway.`}</p>
          <ul className="badges">
            {held.map((credential) => (
              <li key={credential.id}>
                <col-badge credential={credential} layout="compact" heading-level="3" />
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="pathway-heading">
          <h2 id="pathway-heading">Your pathway</h2>
          <col-pathway ref={withKey(PATHWAY)} credentials={held} heading-level="3" oncol-progress={onProgress} />
        </section>
      </main>
    </>
  );
}

createRoot(document.getElementById('root')).render(<StrictMode><App /></StrictMode>);
