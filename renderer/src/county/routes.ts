/** The county pages, in the side navigation's order. */
export const COUNTY_ROUTES = [
  { path: '/search', label: '案卷查询', component: () => import('./pages/CountySearchPage.vue') },
  { path: '/duplicates', label: '重复人员', component: () => import('./pages/CountyDuplicatesPage.vue') },
  { path: '/totals', label: '汇总统计', component: () => import('./pages/CountyTotalsPage.vue') },
  { path: '/offices', label: '乡镇上报', component: () => import('./pages/CountyOfficesPage.vue') },
] as const;
