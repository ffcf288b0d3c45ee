import { render } from 'preact';
import { App } from './app';
import './desk.css';

const root = document.getElementById('desk');
if (root) render(<App />, root);
