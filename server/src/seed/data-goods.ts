// Brands, product kinds and the hand-written SPUs of the demo mall. A kind says where its goods
// hang in the category tree, how they are drawn, what they cost and which specifications they
// have; generated goods (`--skus N`) reuse the kinds so they look like their category.

export type IconName =
  | 'phone' | 'tablet' | 'laptop' | 'tv' | 'headphone' | 'watch' | 'camera' | 'shoe' | 'shirt' | 'snack'
  | 'bottle' | 'book' | 'suitcase' | 'pot' | 'cooker' | 'aircon' | 'fridge' | 'blocks' | 'powerbank' | 'box';

/** [name, first letter of its pinyin or Latin name] */
export const BRANDS: readonly (readonly [string, string])[] = [
  ['Apple', 'A'], ['华为', 'H'], ['小米', 'X'], ['OPPO', 'O'], ['vivo', 'V'], ['荣耀', 'R'], ['联想', 'L'],
  ['戴尔', 'D'], ['惠普', 'H'], ['海尔', 'H'], ['美的', 'M'], ['格力', 'G'], ['索尼', 'S'], ['佳能', 'J'],
  ['尼康', 'N'], ['海信', 'H'], ['TCL', 'T'], ['李宁', 'L'], ['安踏', 'A'], ['耐克', 'N'], ['阿迪达斯', 'A'],
  ['优衣库', 'Y'], ['南极人', 'N'], ['三只松鼠', 'S'], ['良品铺子', 'L'], ['百草味', 'B'], ['茅台', 'M'],
  ['五粮液', 'W'], ['人民邮电出版社', 'R'], ['机械工业出版社', 'J'], ['中信出版社', 'Z'], ['新秀丽', 'X'],
  ['苏泊尔', 'S'], ['乐高', 'L'], ['网易严选', 'W'], ['京东京造', 'J'], ['名创优品', 'M'], ['得力', 'D'],
];

/** Brands that sell a bit of everything: generated goods in categories no kind claims. */
export const GENERAL_BRANDS = ['网易严选', '京东京造', '名创优品', '小米', '南极人', '得力'] as const;

export interface SpecPool {
  name: string;
  options: readonly string[];
  /** How many options an SPU offers: [min, max]. */
  pick: readonly [number, number];
  /** Options are ascending tiers (memory, size): each step up costs more. */
  tiered?: boolean;
}

export interface Kind {
  key: string;
  /** 'level1/level2/level3' names; empty for the catch-all kind. */
  path: string;
  icon: IconName;
  /** Drawing colour when the SKU has no colour option. */
  colour: string;
  /** Price range in yuan of generated SPUs. */
  price: readonly [number, number];
  specs: readonly SpecPool[];
  captions: readonly string[];
  brands: readonly string[];
  series: readonly string[];
  /** Food and drink: no seven-day return. */
  perishable?: boolean;
}

const spec = (name: string, options: string, pick: [number, number], tiered = false): SpecPool => ({
  name,
  options: options.split(','),
  pick,
  tiered,
});

const PHONE_COLOURS = '曜石黑,冰川白,星河银,远峰蓝,青山绿,晨曦紫,流光金';

export const KINDS: readonly Kind[] = [
  { key: 'phone', path: '手机/手机通讯/手机', icon: 'phone', colour: '#333333', price: [999, 6999],
    specs: [spec('内存', '8GB+128GB,8GB+256GB,12GB+256GB,12GB+512GB,16GB+1TB', [2, 3], true), spec('颜色', PHONE_COLOURS, [2, 3])],
    captions: ['【新品上市】旗舰影像系统，超长续航，半小时快充满电', '5G 全网通，高刷护眼屏，轻薄机身握感出众', '【领券立减】旗舰性能芯片，大型游戏畅玩不卡顿', '超感光主摄，夜景人像更清晰；支持 NFC 与无线充电'],
    brands: ['华为', '小米', 'OPPO', 'vivo', '荣耀'], series: ['畅享', 'Nova', 'Turbo', 'Ace', 'Neo'] },
  { key: 'laptop', path: '电脑/电脑整机/笔记本', icon: 'laptop', colour: '#8a8d91', price: [3499, 12999],
    specs: [spec('配置', 'i5/16GB/512GB,i5/16GB/1TB,i7/16GB/1TB,i7/32GB/1TB,Ultra7/32GB/2TB', [2, 3], true), spec('颜色', '深空灰,银色,星光色,午夜色,皓月银', [1, 2])],
    captions: ['轻薄全金属机身，2.8K 高色域屏，办公学习两相宜', '【开学季】长续航轻薄本，1.2kg 随身携带', '高性能处理器，多任务流畅运行，支持雷电接口'],
    brands: ['联想', '戴尔', '惠普', '华为', '荣耀'], series: ['小新', 'Vostro', '战', 'MateBook', 'Magic'] },
  { key: 'tablet', path: '电脑/电脑整机/平板电脑', icon: 'tablet', colour: '#6b7280', price: [1299, 6999],
    specs: [spec('容量', '64GB,128GB,256GB,512GB,1TB', [2, 3], true), spec('版本', 'WLAN版,WLAN+蜂窝版', [1, 2], true), spec('颜色', '深空灰,银色,蓝色,紫色,星光色', [1, 2])],
    captions: ['大屏影音娱乐，支持手写笔与键盘，学习办公好帮手', '全面屏设计，四扬声器立体声，追剧网课更沉浸'],
    brands: ['华为', '小米', '联想', '荣耀'], series: ['MatePad', 'Pad', '小新Pad', 'MagicPad'] },
  { key: 'tv', path: '家用电器/大家电/平板电视', icon: 'tv', colour: '#222222', price: [1999, 12999],
    specs: [spec('尺寸', '50英寸,55英寸,65英寸,75英寸,85英寸,98英寸', [2, 4], true)],
    captions: ['4K 超高清，120Hz 高刷，MEMC 运动防抖', '【以旧换新】量子点广色域，智能语音遥控，杜比音效'],
    brands: ['小米', '海信', 'TCL', '索尼', '华为'], series: ['E', 'S', 'Q', 'X', 'V'] },
  { key: 'aircon', path: '家用电器/大家电/空调', icon: 'aircon', colour: '#9aa5b1', price: [2199, 6999],
    specs: [spec('匹数', '大1匹,1.5匹,2匹,3匹', [2, 3], true), spec('能效', '新一级能效,新三级能效', [1, 2])],
    captions: ['新一级能效，变频节能，快速冷暖，静音睡眠', '【以旧换新】自清洁，智能 WiFi 控制，除湿防霉'],
    brands: ['格力', '美的', '海尔'], series: ['云佳', '酷省电', '劲爽', '风尊', '静悦'] },
  { key: 'fridge', path: '家用电器/大家电/冰箱', icon: 'fridge', colour: '#b8c2cc', price: [1999, 9999],
    specs: [spec('容量', '406升,470升,510升,550升', [1, 2], true), spec('颜色', '星蕴银,玄青灰,月光白', [1, 2])],
    captions: ['十字对开门，风冷无霜，一级能效变频', '超薄嵌入，干湿分储，母婴专属空间'],
    brands: ['海尔', '美的'], series: ['BCD-', '对开门', '法式'] },
  { key: 'cooker', path: '家用电器/厨房小电/电饭煲', icon: 'cooker', colour: '#d7263d', price: [169, 1299],
    specs: [spec('容量', '3L,4L,5L', [2, 3], true)],
    captions: ['IH 电磁加热，球釜内胆，米饭粒粒分明', '24 小时预约，多种烹饪模式，不粘涂层易清洁'],
    brands: ['美的', '苏泊尔', '小米'], series: ['球釜', '鼎釜', '米家', '智能'] },
  { key: 'headphone', path: '数码/影音娱乐/耳机耳麦', icon: 'headphone', colour: '#444444', price: [149, 2999],
    specs: [spec('颜色', '典雅黑,陶瓷白,铂金银,雾霾蓝,樱花粉', [2, 3])],
    captions: ['主动降噪，空间音频，通话清晰', '超长续航 30 小时，低延迟游戏模式，双设备连接'],
    brands: ['索尼', '华为', '小米', 'Apple', 'OPPO'], series: ['FreeBuds', 'Buds', 'Enco', 'WH-', 'WF-'] },
  { key: 'watch', path: '数码/智能设备/智能手表', icon: 'watch', colour: '#333333', price: [699, 5999],
    specs: [spec('尺寸', '41mm,45mm,46mm', [1, 2], true), spec('颜色', '午夜色,星光色,曜石黑,银色,粉色', [2, 2])],
    captions: ['血氧心率全天监测，百种运动模式，独立通话', '两周长续航，eSIM 独立通信，NFC 公交门禁'],
    brands: ['华为', '小米', 'Apple', 'OPPO'], series: ['WATCH', 'Watch S', 'Watch GT', 'Watch X'] },
  { key: 'camera', path: '相机/摄影摄像/微单相机', icon: 'camera', colour: '#222222', price: [3999, 19999],
    specs: [spec('版本', '单机身,标准镜头套机,大变焦套机', [2, 3], true)],
    captions: ['全画幅背照式传感器，实时眼部对焦，4K 60p 视频', '【顺丰包邮】五轴防抖，高速连拍，Vlog 翻转屏'],
    brands: ['索尼', '佳能', '尼康'], series: ['Alpha', 'EOS R', 'Z', 'ZV-E'] },
  { key: 'runshoe', path: '运动/运动鞋包/跑步鞋', icon: 'shoe', colour: '#e5e7eb', price: [199, 1399],
    specs: [spec('颜色', '标准白,黑色,荧光绿,浅灰蓝,烈焰红,橙色', [2, 3]), spec('尺码', '39,40,41,42,43,44,45', [5, 6])],
    captions: ['轻量回弹中底，透气网面，马拉松竞速之选', '缓震稳定，耐磨橡胶大底，日常慢跑通勤皆宜'],
    brands: ['李宁', '安踏', '耐克', '阿迪达斯'], series: ['赤兔', '飞电', '马赫', 'C202', '飞马'] },
  { key: 'tshirt', path: '男装/男士上装/T恤', icon: 'shirt', colour: '#ffffff', price: [49, 299],
    specs: [spec('颜色', '白色,黑色,藏青色,灰色,浅蓝色,卡其色', [2, 3]), spec('尺码', 'S,M,L,XL,XXL,XXXL', [4, 5])],
    captions: ['100% 新疆长绒棉，亲肤透气，不易变形', '速干面料，吸湿排汗，运动休闲两穿'],
    brands: ['优衣库', '南极人', '李宁', '安踏'], series: ['U系列', '纯棉', '速干', '重磅'] },
  { key: 'snack', path: '食品/休闲食品/坚果炒货', icon: 'snack', colour: '#c8742a', price: [19, 199], perishable: true,
    specs: [spec('规格', '单袋装,3袋装,6袋装,礼盒装', [2, 3], true)],
    captions: ['每日坚果，科学配比，独立小包装更新鲜', '【年货节】原味烘焙，颗颗饱满，满 199 减 100'],
    brands: ['三只松鼠', '良品铺子', '百草味'], series: ['每日坚果', '碧根果', '夏威夷果', '开心果'] },
  { key: 'liquor', path: '酒类/中外名酒/白酒', icon: 'bottle', colour: '#b22222', price: [299, 2999], perishable: true,
    specs: [spec('规格', '500ml 单瓶,500ml×2瓶,500ml×6瓶整箱', [2, 3], true)],
    captions: ['酱香浓郁，回味悠长，商务宴请佳品', '【官方授权】正品保障，原箱发货'],
    brands: ['茅台', '五粮液'], series: ['飞天', '第八代', '王子', '1618'] },
  { key: 'book', path: '图书/科技/计算机', icon: 'book', colour: '#2f6fd6', price: [29, 149],
    specs: [spec('版本', '平装,精装', [1, 2], true)],
    captions: ['从入门到实战，案例丰富，附赠配套源码', '业内专家力作，系统讲解原理与工程实践'],
    brands: ['人民邮电出版社', '机械工业出版社', '中信出版社'], series: ['实战', '入门', '精要', '进阶'] },
  { key: 'suitcase', path: '箱包/功能箱包/拉杆箱', icon: 'suitcase', colour: '#1f2937', price: [199, 2999],
    specs: [spec('尺寸', '20英寸,24英寸,28英寸', [2, 3], true), spec('颜色', '曜石黑,雾霾蓝,香槟金,薄荷绿', [2, 2])],
    captions: ['PC 材质轻盈抗压，万向静音轮，TSA 海关锁', '20 英寸可登机，大容量分区收纳'],
    brands: ['新秀丽', '小米', '京东京造'], series: ['90分', '旅行箱', '商务'] },
  { key: 'cookware', path: '厨具/烹饪锅具/炒锅', icon: 'pot', colour: '#555555', price: [79, 599],
    specs: [spec('尺寸', '28cm,30cm,32cm,34cm', [2, 3], true)],
    captions: ['精铁无涂层，少油烟，燃气电磁炉通用', '不粘涂层，轻松翻炒，可立锅盖设计'],
    brands: ['苏泊尔', '美的', '京东京造'], series: ['火红点', '精铁', '不粘'] },
  { key: 'blocks', path: '玩具乐器/玩具/积木拼插', icon: 'blocks', colour: '#f2c14e', price: [99, 1999],
    specs: [spec('版本', '标准版,豪华收藏版', [1, 2], true)],
    captions: ['益智拼搭，培养动手能力与想象力，适合 8 岁以上', '【新品】收藏级套装，还原经典细节'],
    brands: ['乐高'], series: ['城市', '机械组', '创意', '得宝'] },
  { key: 'powerbank', path: '手机/手机配件/移动电源', icon: 'powerbank', colour: '#333333', price: [59, 299],
    specs: [spec('容量', '10000mAh,20000mAh', [1, 2], true), spec('颜色', '黑色,白色,蓝色', [1, 2])],
    captions: ['双向快充，小巧便携，可带上飞机', '22.5W 超级快充，三设备同时充电'],
    brands: ['小米', '华为', '京东京造'], series: ['移动电源', '充电宝', '快充宝'] },
  { key: 'general', path: '', icon: 'box', colour: '#4b7bec', price: [19, 999],
    specs: [spec('规格', '标准款,升级款,旗舰款,家庭装,礼盒装', [1, 3], true), spec('颜色', '经典黑,雅致白,天空蓝,樱花粉,森林绿,暖阳橙', [1, 3])],
    captions: ['精选好物，品质保障，7 天无理由退换', '【美多自营】当日达，满 99 包邮', '口碑热销，买贵必赔'],
    brands: [...GENERAL_BRANDS], series: ['经典', '优选', '轻享', '臻品', 'Air', 'Pro'] },
];

/**
 * The hand-written SPUs: brand, model, kind, base price (yuan, of the cheapest tier) and
 * optional fixed options ('颜色=a,b;内存=c,d') and category path when not the kind's.
 */
export const SPUS: readonly (readonly [string, string, string, number, string?, string?])[] = [
  ['Apple', 'iPhone 15 Pro', 'phone', 7999, '内存=128GB,256GB,512GB;颜色=原色钛金属,蓝色钛金属,白色钛金属'],
  ['Apple', 'iPhone 15', 'phone', 5999, '内存=128GB,256GB;颜色=粉色,黄色,蓝色,黑色'],
  ['华为', 'Mate 60 Pro', 'phone', 6499, '内存=12GB+256GB,12GB+512GB,12GB+1TB;颜色=雅川青,雅丹黑,白沙银,南糯紫'],
  ['华为', 'Pura 70', 'phone', 5499, '颜色=羽砂黑,雪域白,樱玫红'],
  ['华为', 'nova 12', 'phone', 2999],
  ['小米', '14 Pro', 'phone', 4999, '颜色=黑色,白色,岩石青'],
  ['小米', 'Redmi K70', 'phone', 2499],
  ['OPPO', 'Find X7', 'phone', 3999, '颜色=星漠紫,海阔天空,大漠银月'],
  ['OPPO', 'Reno11', 'phone', 2499],
  ['vivo', 'X100 Pro', 'phone', 4999, '颜色=落日橙,星迹蓝,辰夜黑'],
  ['vivo', 'S18', 'phone', 2299],
  ['荣耀', 'Magic6 Pro', 'phone', 5699, '颜色=绒黑色,祁连雪,海湖青'],
  ['荣耀', '90', 'phone', 2499],
  ['Apple', 'MacBook Air 13 M3', 'laptop', 8999, '配置=8核/16GB/256GB,8核/16GB/512GB,10核/24GB/1TB;颜色=午夜色,星光色,深空灰'],
  ['Apple', 'MacBook Pro 14 M3 Pro', 'laptop', 14999, '颜色=深空黑,银色'],
  ['联想', 'ThinkPad X1 Carbon', 'laptop', 10999, '颜色=黑色'],
  ['联想', '小新 Pro 16', 'laptop', 5499],
  ['戴尔', 'XPS 13', 'laptop', 8999],
  ['惠普', '战66 六代', 'laptop', 4999],
  ['华为', 'MateBook 14', 'laptop', 5999],
  ['荣耀', 'MagicBook 14', 'laptop', 4499],
  ['Apple', 'iPad Air 11', 'tablet', 4799],
  ['Apple', 'iPad Pro 11', 'tablet', 8999, '颜色=深空黑,银色'],
  ['华为', 'MatePad Pro 11', 'tablet', 3699],
  ['小米', '平板 6 Pro', 'tablet', 2099],
  ['小米', '电视 S Pro 65', 'tv', 4999],
  ['海信', 'E8K ULED', 'tv', 5999],
  ['索尼', 'X90L', 'tv', 6999],
  ['TCL', 'Q10K Mini LED', 'tv', 4999],
  ['华为', '智慧屏 V5', 'tv', 8999],
  ['格力', '云佳 变频挂机', 'aircon', 2599],
  ['美的', '酷省电 新一级挂机', 'aircon', 2399],
  ['海尔', '劲爽 变频柜机', 'aircon', 3999],
  ['海尔', '十字对开门冰箱', 'fridge', 3999],
  ['美的', '法式多门冰箱', 'fridge', 3299],
  ['美的', 'IH 电饭煲', 'cooker', 299],
  ['苏泊尔', '球釜电饭煲', 'cooker', 399],
  ['小米', '米家电饭煲 C1', 'cooker', 199],
  ['Apple', 'AirPods Pro 2', 'headphone', 1899, '颜色=白色'],
  ['索尼', 'WH-1000XM5', 'headphone', 2499, '颜色=黑色,铂金银,午夜蓝'],
  ['华为', 'FreeBuds Pro 3', 'headphone', 1499],
  ['小米', 'Buds 4 Pro', 'headphone', 999],
  ['Apple', 'Watch Series 9', 'watch', 2999],
  ['华为', 'WATCH 4 Pro', 'watch', 3499],
  ['小米', 'Watch S3', 'watch', 899],
  ['索尼', 'Alpha 7 IV', 'camera', 15999],
  ['佳能', 'EOS R6 Mark II', 'camera', 14999],
  ['佳能', 'EOS R50', 'camera', 4999],
  ['尼康', 'Z6 II', 'camera', 11999],
  ['李宁', '赤兔6 Pro', 'runshoe', 499],
  ['李宁', '飞电3 Elite', 'runshoe', 1099],
  ['安踏', 'C202 GT', 'runshoe', 799],
  ['安踏', '马赫4', 'runshoe', 499],
  ['耐克', '飞马40', 'runshoe', 899],
  ['阿迪达斯', 'Ultraboost Light', 'runshoe', 1299],
  ['优衣库', 'U系列圆领T恤', 'tshirt', 79],
  ['南极人', '纯棉短袖T恤', 'tshirt', 59],
  ['李宁', '运动短袖T恤', 'tshirt', 129, undefined, '运动/运动服饰/运动T恤'],
  ['安踏', '速干运动T恤', 'tshirt', 99, undefined, '运动/运动服饰/运动T恤'],
  ['三只松鼠', '每日坚果 750g', 'snack', 129],
  ['三只松鼠', '碧根果 210g', 'snack', 29],
  ['百草味', '夏威夷果 200g', 'snack', 25],
  ['良品铺子', '高蛋白肉脯 200g', 'snack', 35, undefined, '食品/休闲食品/肉干肉脯'],
  ['良品铺子', '坚果礼盒 1.5kg', 'snack', 169],
  ['茅台', '飞天 53度 酱香型', 'liquor', 2699],
  ['五粮液', '第八代 52度 浓香型', 'liquor', 1099],
  ['人民邮电出版社', 'TypeScript 编程实战', 'book', 89],
  ['机械工业出版社', 'PostgreSQL 数据库精要', 'book', 109],
  ['人民邮电出版社', 'Node.js 服务端开发', 'book', 79],
  ['中信出版社', '大数据时代的经济学', 'book', 68, undefined, '图书/经管励志/经济'],
  ['中信出版社', '城市与河流（长篇小说）', 'book', 49, undefined, '图书/文学/小说'],
  ['新秀丽', '四轮拉杆箱', 'suitcase', 1299],
  ['小米', '90分旅行箱', 'suitcase', 299],
  ['苏泊尔', '火红点不粘炒锅', 'cookware', 199],
  ['苏泊尔', '精铁无涂层炒锅', 'cookware', 159],
  ['乐高', '城市系列 消防局', 'blocks', 799],
  ['乐高', '机械组 超级跑车', 'blocks', 1499],
  ['小米', '移动电源 3', 'powerbank', 99],
  ['华为', '超级快充移动电源', 'powerbank', 199],
];
