/**
 * The shop's small static pages, reached from the footer, the register form's 用户协议 and the
 * home page's 快讯 box: one entry each, one route each (router.ts), one page (InfoPage.vue).
 * `news` has no text of its own: its page lists the shop news from the home contents.
 */
export interface InfoPage {
  name: string;
  path: string;
  title: string;
  paragraphs: string[];
  links?: { text: string; url: string }[];
}

export const INFO_PAGES: InfoPage[] = [
  {
    name: 'about',
    path: '/about.html',
    title: '关于我们',
    paragraphs: [
      '美多商城是一个开源教学项目：一个 B2C 网上商城的完整实现，从商品目录、搜索、购物车到下单、支付和售后。',
      '本站的商品、价格、评价和订单均为演示数据，不会真实发货，也不会真实扣款。',
    ],
  },
  {
    name: 'contact',
    path: '/contact.html',
    title: '联系我们',
    paragraphs: [
      '客服热线：400-000-0000（演示号码，每日 9:00-21:00）',
      '客服邮箱：service@meiduo.example',
      '订单问题请先到“我的订单”中查看订单详情，那里有订单的每一步记录。',
    ],
  },
  {
    name: 'jobs',
    path: '/jobs.html',
    title: '招聘人才',
    paragraphs: [
      '美多商城是演示项目，目前没有招聘职位。',
      '欢迎开发者参与项目：阅读源码、提出问题或提交改进。',
    ],
  },
  {
    name: 'links',
    path: '/links.html',
    title: '友情链接',
    paragraphs: ['本站用到的开源项目：'],
    links: [
      { text: 'Vue.js', url: 'https://vuejs.org/' },
      { text: 'Fastify', url: 'https://fastify.dev/' },
      { text: 'PostgreSQL', url: 'https://www.postgresql.org/' },
      { text: 'Redis', url: 'https://redis.io/' },
    ],
  },
  {
    name: 'agreement',
    path: '/agreement.html',
    title: '用户协议',
    paragraphs: [
      '《美多商城用户使用协议》',
      '一、注册：您应提供真实的手机号码，并妥善保管账号和密码；通过您的账号进行的操作视为您本人的操作。',
      '二、隐私：我们只为完成订单、配送和售后使用您的手机号、收货地址和邮箱，不会出售或泄露给第三方。',
      '三、交易：商品价格和库存以下单时为准；未在规定时间内支付的订单将被自动取消。',
      '四、演示说明：美多商城为开源教学项目，所有交易均为演示，不产生真实的付款和发货。',
    ],
  },
  { name: 'news', path: '/news.html', title: '商城快讯', paragraphs: [] },
];
