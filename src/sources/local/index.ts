export { readFolder, folderLocationKey } from './folder-source.js';
