import { mount } from 'svelte';
import App from './App.svelte';
// Colours first (light, dark, forced), then the window's shell and calls, then the history and in-call details.
import './theme.css';
import './app.css';
import './history-and-in-call.css';

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');
mount(App, { target });
