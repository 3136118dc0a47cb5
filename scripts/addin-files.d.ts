/** Types of scripts/addin-files.js (the names of the files the Office build emits). */
declare const addinFiles: {
  devServerPort: number;
  devBaseUrl: string;
  namespace: string;
  entries: { functions: string; taskpane: string; checker: string; checkerWorker: string };
  functionsSource: string;
  taskpaneTemplate: string;
  checkerTemplate: string;
  supportSource: string;
  output: {
    taskpaneHtml: string;
    functionsScript: string;
    taskpaneScript: string;
    functionsMetadata: string;
    manifest: string;
    supportPage: string;
    checkerHtml: string;
    localizedMetadata: Record<string, string>;
    localOfficeJs: string;
    localOfficeJsFiles: string[];
  };
  translations: Record<string, string>;
  iconSizes: number[];
  iconFile(size: number): string;
  officeJsCdn: string;
};
export = addinFiles;
