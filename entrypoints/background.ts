// The extension's background: the in-page checking arrives with the extension capability (issue 4).
export default defineBackground(() => {});
