/** The county entry (county.html): the county pages on the same components and styles as the office app. */
import { createApp } from 'vue';
import { createRouter, createWebHashHistory } from 'vue-router';
import CountyApp from './CountyApp.vue';
import { COUNTY_ROUTES } from './routes';
import '../styles/base.css';

const router = createRouter({
  history: createWebHashHistory(),
  routes: [{ path: '/', redirect: '/search' }, ...COUNTY_ROUTES.map((route) => ({ path: route.path, component: route.component, meta: { title: route.label } })), { path: '/:pathMatch(.*)*', redirect: '/search' }],
});
router.afterEach((to) => {
  document.title = `${typeof to.meta.title === 'string' ? to.meta.title : ''} - 惠民政策测算台 · 县级汇总`;
});
createApp(CountyApp).use(router).mount('#app');
