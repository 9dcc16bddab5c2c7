export { readFolder, folderLocationKey, folderPlaceholderResolver } from './folder-source.js';
