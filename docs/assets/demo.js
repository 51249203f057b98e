// The element pages' live demos: the elements bundle `npm start` builds for the examples, pointed
// at the server that serves these pages. allowPrivateNetwork only because that server is on this
// machine (npm start); a real page leaves it off.
import { configure } from '/examples/vendor/components/index.js';

const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(location.hostname);
configure({ api: location.origin, allowPrivateNetwork: loopback });
