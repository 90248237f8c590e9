/**
 * Pages, reached from the side navigation and by keyboard. Hash history: works from app:// and http.
 * `icon`: the one character the sidebar shows when it is collapsed at large type.
 */
import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';

export const NAV_ROUTES = [
  { path: '/intake', name: 'intake', label: '新建测算', icon: '新', component: () => import('./pages/IntakePage.vue') },
  { path: '/history', name: 'history', label: '历史记录', icon: '史', component: () => import('./pages/HistoryPage.vue') },
  { path: '/village', name: 'village', label: '入户发放', icon: '村', component: () => import('./pages/VillagePage.vue') },
  { path: '/packs', name: 'packs', label: '政策参数', icon: '参', component: () => import('./pages/PacksPage.vue') },
  { path: '/settings', name: 'settings', label: '设置', icon: '设', component: () => import('./pages/SettingsPage.vue') },
  { path: '/about', name: 'about', label: '关于', icon: '关', component: () => import('./pages/AboutPage.vue') },
] as const;

const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/intake' },
  ...NAV_ROUTES.map((route) => ({ path: route.path, name: route.name, component: route.component, meta: { title: route.label } })),
  { path: '/history/:caseNo', name: 'case', component: () => import('./pages/CasePage.vue'), meta: { title: '案卷详情' } },
  // 入户发放打印 of the cases another page handed over (stores/campaign.ts: the village table's selection)
  { path: '/campaign-print', name: 'campaign-print', component: () => import('./pages/CampaignPrintPage.vue'), meta: { title: '入户发放打印' } },
  { path: '/print/:caseNo/:revision(\\d+)', name: 'print', component: () => import('./pages/PrintPage.vue'), meta: { title: '打印预览' } },
  { path: '/:pathMatch(.*)*', redirect: '/intake' },
];

export const router = createRouter({ history: createWebHashHistory(), routes });

router.afterEach((to) => {
  const title = typeof to.meta.title === 'string' ? to.meta.title : '';
  document.title = title ? `${title} - 惠民政策测算台` : '惠民政策测算台';
});
