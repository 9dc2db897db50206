import { defineConfig } from 'wxt';

export default defineConfig({
  manifestVersion: 3,
  zip: { excludeSources: ['reports/**', 'test-results/**', 'e2e/**', '.ci/**', 'tests/**', 'scripts/**'] },
  manifest: ({ browser }) => ({
    name: '年报核对 GIP Report Checker',
    description: '核对政府信息公开工作年度报告的表格勾稽关系 / Checks the tables of Chinese government information-disclosure annual reports',
    permissions: ['storage'],
    action: { default_title: '年报核对' },
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: { id: 'gip-report-checker@example.org', data_collection_permissions: { required: ['none'] } },
      },
    }),
  }),
});
