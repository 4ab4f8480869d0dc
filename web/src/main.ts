import './core/app';
