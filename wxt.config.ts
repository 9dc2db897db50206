import { defineConfig } from 'wxt';

// Permissions stay minimal: storage, activeTab + scripting for "检查此页" on other
// sites, host access to *.gov.cn only; other sites only if the user adds them
// (optional permission, asked for in the options page).
export default defineConfig({
  manifestVersion: 3,
  zip: { excludeSources: ['reports/**', 'test-results/**', 'e2e/**', '.ci/**', 'tests/**', 'scripts/**'] },
  manifest: ({ browser }) => ({
    name: '年报核对 GIP Report Checker',
    description: '在政府网站上直接核对政府信息公开工作年度报告的表格 / Checks the tables of Chinese government information-disclosure annual reports in place',
    // unlimitedStorage: the report memory holds ~40–60 KB per report; a survey of hundreds of reports (or one
    // consolidated page of 100) would pass the 10 MB local quota and stop being remembered
    permissions: ['storage', 'unlimitedStorage', 'activeTab', 'scripting'],
    host_permissions: ['*://*.gov.cn/*'],
    optional_host_permissions: ['*://*/*'],
    action: { default_title: '年报核对 GIP Report Checker' },
    commands: {
      'next-finding': { suggested_key: { default: 'Alt+Shift+J' }, description: '下一个发现 / next finding' },
      'previous-finding': { suggested_key: { default: 'Alt+Shift+K' }, description: '上一个发现 / previous finding' },
    },
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: { id: 'gip-report-checker@example.org', data_collection_permissions: { required: ['none'] } },
      },
    }),
  }),
});
