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
  // Those of the shelves (FAMILIES) the hand-written goods leave empty; appended, so ids above stay.
  ['中国移动', 'Z'], ['中国联通', 'Z'], ['中国电信', 'Z'], ['绿联', 'L'], ['倍思', 'B'], ['富士', 'F'], ['大疆', 'D'],
  ['漫步者', 'M'], ['科大讯飞', 'K'], ['步步高', 'B'], ['华硕', 'H'], ['三星', 'S'], ['罗技', 'L'], ['雷蛇', 'L'],
  ['爱普生', 'A'], ['晨光', 'C'], ['九阳', 'J'], ['方太', 'F'], ['戴森', 'D'], ['罗莱', 'L'], ['水星家纺', 'S'],
  ['顾家家居', 'G'], ['林氏家居', 'L'], ['欧普照明', 'O'], ['九牧', 'J'], ['公牛', 'G'], ['双立人', 'S'], ['膳魔师', 'S'],
  ['海澜之家', 'H'], ['波司登', 'B'], ['太平鸟', 'T'], ['巴拉巴拉', 'B'], ['猫人', 'M'], ['都市丽人', 'D'], ['百丽', 'B'],
  ['红蜻蜓', 'H'], ['达芙妮', 'D'], ['爱华仕', 'A'], ['卡西欧', 'K'], ['天王表', 'T'], ['小天才', 'X'], ['周大福', 'Z'],
  ['老凤祥', 'L'], ['骆驼', 'L'], ['迪卡侬', 'D'], ['舒华', 'S'], ['探路者', 'T'], ['凯乐石', 'K'], ['捷安特', 'J'],
  ['万科', 'W'], ['链家', 'L'], ['比亚迪', 'B'], ['吉利', 'J'], ['途虎养车', 'T'], ['70迈', 'Q'], ['米其林', 'M'],
  ['美孚', 'M'], ['飞鹤', 'F'], ['帮宝适', 'B'], ['贝亲', 'B'], ['雅马哈', 'Y'], ['珠江钢琴', 'Z'], ['金龙鱼', 'J'],
  ['伊利', 'Y'], ['农夫山泉', 'N'], ['张裕', 'Z'], ['青岛啤酒', 'Q'], ['古越龙山', 'G'], ['佳农', 'J'], ['恒都', 'H'],
  ['同仁堂', 'T'], ['东阿阿胶', 'D'], ['人民文学出版社', 'R'], ['接力出版社', 'J'], ['环球音乐', 'H'], ['喜马拉雅', 'X'],
  ['中国国航', 'Z'], ['东方航空', 'D'], ['锦江', 'J'], ['华住', 'H'], ['中青旅', 'Z'], ['美多生活', 'M'],
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

const SERIES = ['经典款', '2024新款', '热销款', '轻奢款', '基础款', '旗舰款'];
const TIERS = spec('规格', '标准款,升级款,旗舰款', [1, 3], true);
const CLOTH_COLOURS = '白色,黑色,藏青色,灰色,卡其色,燕麦色,雾霾蓝,豆沙粉';
type FamilyFields = Pick<Kind, 'icon' | 'colour' | 'price' | 'specs' | 'captions' | 'brands'> & Partial<Pick<Kind, 'series' | 'perishable'>>;
const family = (key: string, path: string, fields: FamilyFields): Kind => ({ key, path, series: SERIES, ...fields });

/**
 * Shelves for the third-level categories no kind claims, by first- or second-level path (the
 * longest match wins): every leaf of the menu gets goods that look and cost like its shelf.
 */
export const FAMILIES: readonly Kind[] = [
  family('mobile', '手机/手机通讯', { icon: 'phone', colour: '#333333', price: [199, 4999], brands: ['华为', '小米', 'OPPO', 'vivo', '荣耀'],
    specs: [spec('内存', '4GB+64GB,8GB+128GB,8GB+256GB,12GB+256GB', [1, 2], true), spec('颜色', PHONE_COLOURS, [1, 2])],
    captions: ['大字体大音量，超长待机', '高刷电竞屏，满帧畅玩', '坚固耐用，防水防尘'] }),
  family('carrier', '手机/运营商', { icon: 'phone', colour: '#2f6fd6', price: [39, 199], brands: ['中国移动', '中国联通', '中国电信'],
    specs: [spec('套餐', '59元/月,99元/月,129元/月,199元/月', [2, 3], true)], series: ['5G畅享', '融合套餐', '校园卡', '靓号'],
    captions: ['【线上专享】大流量全国通用，按月结算', '宽带+手机融合，全家共享'] }),
  family('accessory', '手机/手机配件', { icon: 'powerbank', colour: '#555555', price: [19, 199], brands: ['绿联', '倍思', '小米', '华为'],
    specs: [spec('适用机型', 'iPhone 15,iPhone 15 Pro,华为 Mate 60,小米 14', [1, 3]), spec('颜色', '黑色,白色,透明,蓝色', [1, 2])],
    captions: ['原厂品质，精准开孔', '快充协议全兼容，安全认证'] }),
  family('photo', '相机', { icon: 'camera', colour: '#222222', price: [199, 9999], brands: ['索尼', '佳能', '尼康', '富士', '大疆'],
    specs: [spec('版本', '标准版,套装版,全能套装', [1, 3], true), spec('颜色', '黑色,银色', [1, 2])], captions: ['随手拍出好照片', '【顺丰包邮】专业画质，轻便机身'] }),
  family('audio', '数码/影音娱乐', { icon: 'headphone', colour: '#444444', price: [99, 2999], brands: ['索尼', '小米', '华为', '漫步者'],
    specs: [spec('颜色', '典雅黑,陶瓷白,雾霾蓝', [1, 3])], captions: ['Hi-Res 高解析音质', '蓝牙 5.3，低延迟'] }),
  family('gadget', '数码/智能设备', { icon: 'watch', colour: '#333333', price: [199, 6999], brands: ['华为', '小米', '大疆'],
    specs: [TIERS, spec('颜色', '曜石黑,星光白,银色', [1, 2])], captions: ['智能互联，健康生活', '长续航，轻巧便携'] }),
  family('learning', '数码/电子教育', { icon: 'tablet', colour: '#6b7280', price: [199, 4999], brands: ['科大讯飞', '步步高', '小米'],
    specs: [spec('版本', '基础版,标准版,旗舰版', [1, 3], true)], captions: ['同步教材，AI 精准学', '护眼墨水屏，久看不累'] }),
  family('computer', '电脑/电脑整机', { icon: 'laptop', colour: '#8a8d91', price: [2999, 14999], brands: ['联想', '戴尔', '惠普', '华硕'],
    specs: [spec('配置', 'i5/16GB/512GB,i7/16GB/1TB,i7/32GB/1TB,i9/32GB/2TB', [2, 3], true)], captions: ['高性能独显，游戏设计两相宜', '静音散热，稳定耐用'] }),
  family('parts', '电脑/电脑配件', { icon: 'laptop', colour: '#4b5563', price: [299, 4999], brands: ['华硕', '三星', '戴尔'],
    specs: [spec('版本', '标准版,高性能版,旗舰版', [1, 3], true)], captions: ['装机优选，性能强劲', '三年质保，品质可靠'] }),
  family('peripheral', '电脑/外设产品', { icon: 'box', colour: '#333333', price: [39, 699], brands: ['罗技', '雷蛇', '小米', '华为'],
    specs: [spec('连接', '有线,无线,蓝牙+无线', [1, 3], true), spec('颜色', '黑色,白色,粉色', [1, 2])], captions: ['人体工学设计，久用不累', '办公游戏两相宜'] }),
  family('office', '办公/办公设备', { icon: 'box', colour: '#6b7280', price: [399, 4999], brands: ['惠普', '佳能', '爱普生', '得力'],
    specs: [spec('版本', '标准版,无线版,商务版', [1, 3], true)], captions: ['办公高效，操作简单', '【企业采购】开专票，上门安装'] }),
  family('stationery', '办公/文具耗材', { icon: 'book', colour: '#2f6fd6', price: [5, 199], brands: ['得力', '晨光'],
    specs: [spec('规格', '单只装,10只装,整盒装', [1, 3], true), spec('颜色', '黑色,蓝色,红色', [1, 2])], captions: ['学生办公常备', '书写顺滑，品质稳定'] }),
  family('appliance', '家用电器', { icon: 'fridge', colour: '#b8c2cc', price: [399, 6999], brands: ['海尔', '美的', '格力', '方太', '戴森'],
    specs: [TIERS, spec('颜色', '白色,银色,灰色', [1, 2])], captions: ['【以旧换新】一级能效，节能省电', '智能 WiFi 控制，送装一体'] }),
  family('kitchen', '家用电器/厨房小电', { icon: 'cooker', colour: '#d7263d', price: [99, 999], brands: ['美的', '苏泊尔', '九阳', '小米'],
    specs: [TIERS], captions: ['一键操作，智能预约', '易清洁，厨房好帮手'] }),
  family('home', '家居', { icon: 'box', colour: '#c8a27a', price: [19, 699], brands: ['罗莱', '水星家纺', '网易严选', '名创优品'],
    specs: [spec('规格', '单件装,两件装,家庭装', [1, 3], true), spec('颜色', '米白,浅灰,雾霾蓝,豆沙粉', [1, 3])], captions: ['亲肤柔软，舒适居家', '简约设计，好物提升幸福感'] }),
  family('furniture', '家具', { icon: 'box', colour: '#8b5a2b', price: [299, 5999], brands: ['顾家家居', '林氏家居', '京东京造'],
    specs: [spec('款式', '标准款,加大款', [1, 2], true), spec('颜色', '原木色,胡桃色,象牙白,深灰', [1, 2])], captions: ['实木框架，环保板材', '【送货入户】免费安装'] }),
  family('fitting', '家装', { icon: 'box', colour: '#9aa5b1', price: [19, 2999], brands: ['欧普照明', '九牧', '公牛'],
    specs: [TIERS, spec('颜色', '白色,黑色,银色', [1, 2])], captions: ['品质家装，十年质保', '简约现代，安装便捷'] }),
  family('kitchenware', '厨具', { icon: 'pot', colour: '#555555', price: [29, 699], brands: ['苏泊尔', '双立人', '膳魔师', '京东京造'],
    specs: [spec('尺寸', '小号,中号,大号', [1, 3], true), spec('颜色', '银色,黑色,红色', [1, 2])], captions: ['食品级材质，安全放心', '精工打造，经久耐用'] }),
  family('menswear', '男装', { icon: 'shirt', colour: '#ffffff', price: [69, 1299], brands: ['优衣库', '海澜之家', '波司登', '南极人'],
    specs: [spec('颜色', CLOTH_COLOURS, [2, 3]), spec('尺码', 'S,M,L,XL,XXL,XXXL', [3, 4])], captions: ['修身版型，百搭有型', '舒适面料，四季可穿'] }),
  family('womenswear', '女装', { icon: 'shirt', colour: '#ffffff', price: [69, 1299], brands: ['优衣库', '太平鸟', '波司登'],
    specs: [spec('颜色', CLOTH_COLOURS, [2, 3]), spec('尺码', 'S,M,L,XL', [3, 4])], captions: ['显瘦版型，温柔气质', '【新品】早春上新，限时折扣'] }),
  family('kidswear', '童装', { icon: 'shirt', colour: '#ffffff', price: [39, 399], brands: ['巴拉巴拉', '安踏', '优衣库'],
    specs: [spec('颜色', CLOTH_COLOURS, [2, 3]), spec('尺码', '90cm,100cm,110cm,120cm,130cm,140cm', [3, 4])], captions: ['A 类婴幼儿标准，宝宝穿着放心', '柔软透气，活动自如'] }),
  family('kidshoe', '童装/童鞋', { icon: 'shoe', colour: '#e5e7eb', price: [59, 399], brands: ['巴拉巴拉', '安踏'],
    specs: [spec('颜色', '白色,粉色,蓝色,黑色', [2, 3]), spec('尺码', '24,25,26,27,28,29,30', [3, 4])], captions: ['软底防滑，护脚成长', '魔术贴设计，穿脱方便'] }),
  family('underwear', '内衣', { icon: 'shirt', colour: '#ffffff', price: [19, 299], brands: ['南极人', '猫人', '都市丽人', '优衣库'],
    specs: [spec('颜色', '肤色,黑色,白色,灰色', [2, 3]), spec('尺码', 'M,L,XL,XXL', [3, 4])], captions: ['亲肤棉质，舒适无感', '【多件装】超值实惠'] }),
  family('womenshoe', '女鞋', { icon: 'shoe', colour: '#e5e7eb', price: [129, 999], brands: ['百丽', '红蜻蜓', '达芙妮'],
    specs: [spec('颜色', '黑色,米白色,杏色,酒红色', [2, 3]), spec('尺码', '35,36,37,38,39', [4, 5])], captions: ['软底舒适，久走不累', '【新品】真皮材质，优雅百搭'] }),
  family('bag', '箱包', { icon: 'suitcase', colour: '#1f2937', price: [99, 1999], brands: ['新秀丽', '爱华仕', '小米', '京东京造'],
    specs: [spec('颜色', '曜石黑,雾霾蓝,香槟金,卡其色', [2, 3])], captions: ['大容量分区收纳', '防泼水面料，通勤出游皆宜'] }),
  family('clock', '钟表', { icon: 'watch', colour: '#333333', price: [99, 9999], brands: ['卡西欧', '天王表', '小天才'],
    specs: [spec('颜色', '黑色,银色,金色,玫瑰金', [2, 3])], captions: ['精准走时，生活防水', '【全国联保】简约表盘，经典百搭'] }),
  family('jewellery', '珠宝', { icon: 'box', colour: '#d4af37', price: [199, 19999], brands: ['周大福', '老凤祥'],
    specs: [spec('规格', '约2g,约5g,约10g', [1, 3], true)], captions: ['足金 999，附鉴定证书', '【顺丰保价】精美礼盒，送礼佳选'] }),
  family('menshoe', '男鞋', { icon: 'shoe', colour: '#1f2937', price: [199, 1299], brands: ['红蜻蜓', '百丽', '骆驼'],
    specs: [spec('颜色', '黑色,棕色,卡其色,白色', [2, 3]), spec('尺码', '39,40,41,42,43,44', [4, 5])], captions: ['头层牛皮，透气舒适', '防滑耐磨大底，商务休闲两穿'] }),
  family('sportshoe', '运动/运动鞋包', { icon: 'shoe', colour: '#e5e7eb', price: [199, 1299], brands: ['李宁', '安踏', '耐克', '阿迪达斯'],
    specs: [spec('颜色', '标准白,黑色,荧光绿,烈焰红', [2, 3]), spec('尺码', '39,40,41,42,43,44', [4, 5])], captions: ['缓震回弹，专业运动', '轻量透气，日常训练'] }),
  family('sportswear', '运动/运动服饰', { icon: 'shirt', colour: '#ffffff', price: [79, 699], brands: ['李宁', '安踏', '耐克', '阿迪达斯'],
    specs: [spec('颜色', CLOTH_COLOURS, [2, 3]), spec('尺码', 'S,M,L,XL,XXL', [3, 4])], captions: ['速干面料，吸湿排汗', '弹力舒适，运动无束缚'] }),
  family('fitness', '运动/健身训练', { icon: 'box', colour: '#4b7bec', price: [49, 4999], brands: ['舒华', '迪卡侬', '李宁'],
    specs: [TIERS], captions: ['居家健身，静音设计', '【送货上门】专业器材，安全稳固'] }),
  family('outdoor', '户外', { icon: 'suitcase', colour: '#2e7d32', price: [99, 3999], brands: ['探路者', '凯乐石', '迪卡侬', '骆驼', '捷安特'],
    specs: [TIERS, spec('颜色', '森林绿,曜石黑,天空蓝,橙色', [1, 2])], captions: ['防风防水，户外必备', '轻量设计，专业装备'] }),
  family('estate', '房产', { icon: 'box', colour: '#8b5a2b', price: [2000, 20000], brands: ['万科', '链家'],
    specs: [spec('户型', '一居室,两居室,三居室,四居室', [2, 3], true)], series: ['看房团意向金', '认筹金', '服务预约'],
    captions: ['【线上认筹】意向金可退，专属顾问带看', '真房源，签约前全额退'] }),
  family('car', '汽车/汽车车型', { icon: 'box', colour: '#1f2937', price: [2000, 20000], brands: ['比亚迪', '吉利'],
    specs: [spec('版本', '标准续航版,长续航版,高性能版', [2, 3], true), spec('颜色', '珍珠白,星空灰,曜石黑,海湾蓝', [1, 2])], series: ['新车订金', '试驾预约金'],
    captions: ['【线上订车】订金可抵车款', '到店试驾，专属礼包'] }),
  family('carservice', '汽车/汽车服务', { icon: 'box', colour: '#4b5563', price: [39, 999], brands: ['途虎养车', '京东京造'],
    specs: [spec('车型', '5座轿车,SUV/MPV', [1, 2], true)], series: ['到店服务', '套餐'], captions: ['全国门店通用，在线预约', '原厂标准，透明报价'] }),
  family('carstuff', '汽车用品', { icon: 'box', colour: '#333333', price: [29, 999], brands: ['70迈', '米其林', '美孚', '京东京造'],
    specs: [TIERS], captions: ['适配主流车型，安装简单', '【包安装】正品保障'] }),
  family('baby', '母婴', { icon: 'bottle', colour: '#f9a8d4', price: [29, 599], brands: ['飞鹤', '帮宝适', '贝亲'],
    specs: [spec('规格', '单罐/单包,3罐/3包,6罐/6包', [1, 3], true)], captions: ['安心配方，宝宝爱喝', '【官方旗舰】正品保障，新鲜日期'] }),
  family('toy', '玩具乐器/玩具', { icon: 'blocks', colour: '#f2c14e', price: [39, 1299], brands: ['乐高', '名创优品', '京东京造'],
    specs: [spec('版本', '标准版,豪华版', [1, 2], true)], captions: ['益智启蒙，寓教于乐', '安全材质，3 岁以上'] }),
  family('instrument', '玩具乐器/乐器', { icon: 'box', colour: '#7c2d12', price: [399, 19999], brands: ['雅马哈', '珠江钢琴'],
    specs: [spec('版本', '入门款,进阶款,演奏款', [1, 3], true)], captions: ['专业调音，音色纯正', '【送教程】初学者友好'] }),
  family('food', '食品', { icon: 'snack', colour: '#c8742a', price: [9, 199], brands: ['三只松鼠', '良品铺子', '金龙鱼', '伊利', '农夫山泉'], perishable: true,
    specs: [spec('规格', '单袋装,3袋装,整箱装', [1, 3], true)], captions: ['新鲜日期，美味看得见', '【年货节】满 199 减 100'] }),
  family('drink', '酒类', { icon: 'bottle', colour: '#b22222', price: [39, 1999], brands: ['张裕', '青岛啤酒', '古越龙山', '五粮液'], perishable: true,
    specs: [spec('规格', '单瓶,2瓶装,6瓶整箱', [1, 3], true)], captions: ['【官方授权】正品保障', '口感醇厚，聚会佳选'] }),
  family('fresh', '生鲜', { icon: 'snack', colour: '#2e7d32', price: [29, 399], brands: ['佳农', '恒都', '网易严选'], perishable: true,
    specs: [spec('规格', '1kg装,2.5kg装,5kg装', [1, 3], true)], captions: ['产地直采，冷链到家', '坏果包赔，新鲜直达'] }),
  family('local', '特产', { icon: 'snack', colour: '#b45309', price: [29, 999], brands: ['同仁堂', '东阿阿胶', '良品铺子'], perishable: true,
    specs: [spec('规格', '单盒装,2盒装,礼盒装', [1, 3], true)], captions: ['地道风味，产地直发', '滋补佳品，送礼有面'] }),
  family('books', '图书', { icon: 'book', colour: '#2f6fd6', price: [19, 129], brands: ['人民文学出版社', '中信出版社', '接力出版社', '人民邮电出版社'],
    specs: [spec('版本', '平装,精装', [1, 2], true)], captions: ['名家力作，畅销推荐', '正版图书，印刷精美'] }),
  family('media', '音像', { icon: 'book', colour: '#6d28d9', price: [29, 299], brands: ['环球音乐', '中信出版社'],
    specs: [spec('版本', 'CD,黑胶,蓝光', [1, 3], true)], captions: ['正版授权，经典珍藏', '高清画质，原声音轨'] }),
  family('ebook', '电子书', { icon: 'book', colour: '#0f766e', price: [3, 59], brands: ['喜马拉雅', '中信出版社', '人民邮电出版社'],
    specs: [spec('版本', '电子版,有声版', [1, 2], true)], captions: ['购买即读，多端同步', '名家朗读，随时随地听'] }),
  family('flight', '机票', { icon: 'suitcase', colour: '#1d4ed8', price: [199, 3999], brands: ['中国国航', '东方航空'],
    specs: [spec('舱位', '经济舱,超级经济舱,商务舱', [2, 3], true)], series: ['特价', '往返', '套餐'], captions: ['【限时特价】含税价，出票快', '随心飞，退改无忧'] }),
  family('hotel', '酒店', { icon: 'suitcase', colour: '#9d174d', price: [199, 1999], brands: ['锦江', '华住'],
    specs: [spec('房型', '标准间,大床房,套房', [2, 3], true)], series: ['预售券', '周末特惠', '连住优惠'], captions: ['含双早，可随时退', '【节假日通用】免费取消'] }),
  family('travel', '旅游', { icon: 'suitcase', colour: '#0891b2', price: [99, 9999], brands: ['中青旅', '华住'],
    specs: [spec('出行人', '儿童票,成人票,家庭套票', [1, 3], true)], series: ['跟团游', '自由行', '门票'], captions: ['【品质团】无购物无自费', '扫码入园，即买即用'] }),
  family('life', '生活', { icon: 'box', colour: '#2f6fd6', price: [10, 500], brands: ['中国移动', '中国电信', '美多生活'],
    specs: [spec('面值', '50元,100元,200元', [1, 3], true)], series: ['在线缴费', '优惠券'], captions: ['秒到账，7×24 小时', '全国通用，安全便捷'] }),
];

/** The kind of a 'level1/level2/level3' path: its own kind, else the longest family path that holds it, else the catch-all. */
export function kindOf(path: string): Kind {
  const exact = KINDS.find((kind) => kind.path === path);
  if (exact) return exact;
  const families = FAMILIES.filter((kind) => path.startsWith(`${kind.path}/`));
  return families.sort((a, b) => b.path.length - a.path.length)[0] ?? KINDS.find((kind) => kind.path === '')!;
}

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
