// The category tree behind the home page menu: 11 channel groups holding 37 channels, each
// channel a top-level category with its second- and third-level children (contract §6.1,
// §11.3). Written compactly, one top-level category per line:
//   '<name>|<url slug>|<level 2>:<level 3>,<level 3>,...;<level 2>:...'

const GROUPS: readonly (readonly [string, readonly string[]])[] = [
  ['手机/相机/数码', [
    '手机|shouji|手机通讯:手机,游戏手机,老人机,对讲机;运营商:合约机,选号中心,装宽带,办套餐;手机配件:手机壳,贴膜,数据线,充电器,移动电源,手机耳机',
    '相机|xiangji|摄影摄像:数码相机,微单相机,单反相机,运动相机,拍立得;镜头配件:相机镜头,三脚架,存储卡,相机包',
    '数码|shuma|影音娱乐:耳机耳麦,音箱音响,智能音箱,MP3/MP4;智能设备:智能手表,智能手环,VR眼镜,无人机;电子教育:学习机,点读笔,电纸书',
  ]],
  ['电脑/办公/家用电器', [
    '电脑|diannao|电脑整机:笔记本,游戏本,平板电脑,台式机,一体机;电脑配件:显示器,CPU,主板,显卡,固态硬盘;外设产品:鼠标,键盘,路由器,移动硬盘,U盘',
    '办公|bangong|办公设备:打印机,投影仪,碎纸机,扫描仪;文具耗材:笔类,本册,计算器,硒鼓墨盒',
    '家用电器|jiadian|大家电:平板电视,空调,冰箱,洗衣机,热水器;厨卫大电:油烟机,燃气灶,洗碗机,消毒柜;厨房小电:电饭煲,微波炉,电烤箱,豆浆机,电水壶;生活电器:吸尘器,扫地机器人,电风扇,净化器',
  ]],
  ['家居/家具/家装/厨具', [
    '家居|jiaju|家纺:床品套件,被子,枕头,毛巾浴巾;生活日用:收纳用品,雨伞雨具,净化除味;家装软饰:装饰字画,花瓶花艺,地毯地垫,窗帘',
    '家具|jiajuchengpin|卧室家具:床,床垫,衣柜,床头柜;客厅家具:沙发,茶几,电视柜,鞋柜;书房家具:书桌,书架,电脑椅',
    '家装|jiazhuang|灯饰照明:吸顶灯,台灯,落地灯,筒灯射灯;厨房卫浴:水龙头,淋浴花洒,马桶,浴室柜;五金工具:电钻,手动工具,门锁',
    '厨具|chuju|烹饪锅具:炒锅,煎锅,压力锅,汤锅;刀剪菜板:菜刀,剪刀,菜板砧板;水具酒具:保温杯,茶具,咖啡具,酒杯酒具',
  ]],
  ['男装/女装/童装/内衣', [
    '男装|nanzhuang|男士上装:T恤,衬衫,卫衣,夹克,羽绒服;男士下装:牛仔裤,休闲裤,运动裤,短裤',
    '女装|nvzhuang|女士上装:T恤,衬衫,针织衫,卫衣,羽绒服;裙装:连衣裙,半身裙,套装裙;女士下装:牛仔裤,休闲裤,打底裤',
    '童装|tongzhuang|童装上衣:T恤,卫衣,外套;童装下装:裤子,裙子,套装;童鞋:运动鞋,学步鞋,凉鞋',
    '内衣|neiyi|女式内衣:文胸,睡衣,家居服;男式内衣:内裤,背心,保暖内衣;袜子:男袜,女袜,丝袜',
  ]],
  ['女鞋/箱包/钟表/珠宝', [
    '女鞋|nvxie|时尚女鞋:高跟鞋,单鞋,休闲鞋,凉鞋;女靴:短靴,长靴,雪地靴',
    '箱包|xiangbao|潮流女包:单肩包,手提包,钱包;精品男包:双肩包,商务公文包,男士钱包;功能箱包:拉杆箱,旅行包,电脑包',
    '钟表|zhongbiao|腕表:男表,女表,儿童手表;时钟:挂钟,闹钟,座钟',
    '珠宝|zhubao|黄金:黄金项链,黄金手镯,黄金戒指;珠宝饰品:钻石,翡翠玉石,珍珠,银饰',
  ]],
  ['男鞋/运动/户外', [
    '男鞋|nanxie|流行男鞋:商务鞋,休闲鞋,帆布鞋,拖鞋;男靴:马丁靴,工装靴,雪地靴',
    '运动|yundong|运动鞋包:跑步鞋,篮球鞋,板鞋,训练鞋,运动包;运动服饰:运动T恤,运动裤,运动外套;健身训练:跑步机,动感单车,瑜伽垫,哑铃',
    '户外|huwai|户外装备:帐篷,睡袋,登山杖,户外背包;户外服饰:冲锋衣,速干衣,登山鞋;骑行运动:山地车,公路车,骑行服',
  ]],
  ['房产/汽车/汽车用品', [
    '房产|fangchan|新房:住宅,公寓,别墅;二手房:二手住宅,学区房,房屋租赁',
    '汽车|qiche|汽车车型:轿车,SUV,MPV,新能源车;汽车服务:保养维修,洗车,汽车美容',
    '汽车用品|qicheyongpin|车载电器:行车记录仪,车载充电器,车载净化器;汽车装饰:座垫,脚垫,车载香水;维修保养:机油,轮胎,雨刷',
  ]],
  ['母婴/玩具乐器', [
    '母婴|muying|奶粉:婴幼奶粉,成人奶粉,孕妈奶粉;尿裤湿巾:纸尿裤,拉拉裤,婴儿湿巾;喂养用品:奶瓶奶嘴,吸奶器,辅食料理机',
    '玩具乐器|wanjuyueqi|玩具:积木拼插,遥控电动,毛绒布艺,益智玩具;乐器:钢琴,吉他,电子琴',
  ]],
  ['食品/酒类/生鲜/特产', [
    '食品|shipin|休闲食品:坚果炒货,饼干蛋糕,糖果巧克力,肉干肉脯;粮油调味:大米,食用油,调味品;饮料冲调:饮用水,牛奶乳品,咖啡,茗茶',
    '酒类|jiulei|中外名酒:白酒,葡萄酒,啤酒,洋酒;黄酒养生:黄酒,养生酒,米酒',
    '生鲜|shengxian|水果:苹果,橙子,车厘子,猕猴桃;海鲜水产:虾类,鱼类,蟹类;肉禽蛋:牛肉,猪肉,鸡蛋',
    '特产|techan|地方特产:北京特产,云南特产,新疆特产,四川特产;滋补:燕窝,人参,阿胶',
  ]],
  ['图书/音像/电子书', [
    '图书|tushu|文学:小说,散文随笔,诗歌词曲;科技:计算机,电子通信,工业技术;经管励志:经济,管理,励志成长;少儿:绘本,科普百科,童话故事',
    '音像|yinxiang|音乐:流行音乐,古典音乐,民族音乐;影视:电影,电视剧,纪录片',
    '电子书|dianzishu|电子书:小说,文学,经管,计算机;数字音乐:通俗流行,古典音乐,影视原声;有声读物:有声小说,相声评书,儿童故事',
  ]],
  ['机票/酒店/旅游/生活', [
    '机票|jipiao|机票:国内机票,国际机票,机票套餐;火车汽车:火车票,汽车票,船票',
    '酒店|jiudian|国内酒店:经济酒店,商务酒店,度假酒店;海外酒店:日本酒店,欧洲酒店,东南亚酒店',
    '旅游|lvyou|旅游度假:国内旅游,出境旅游,邮轮;景点门票:主题乐园,名胜古迹,演出票',
    '生活|shenghuo|生活缴费:话费充值,水电燃气,加油卡;本地生活:餐饮美食,电影票,家政服务',
  ]],
];

export interface CategoryNode {
  name: string;
  children: CategoryNode[];
}

export interface ChannelData {
  category: CategoryNode;
}

export interface ChannelGroupData {
  name: string;
  channels: ChannelData[];
}

function parseChannel(line: string): ChannelData {
  // The slug named the original's channel site; our channels open their own list page (tree.ts).
  const [name, , body] = line.split('|') as [string, string, string];
  const children = body.split(';').map((second) => {
    const [secondName, thirds] = second.split(':') as [string, string];
    return { name: secondName, children: thirds.split(',').map((third) => ({ name: third, children: [] })) };
  });
  return { category: { name, children } };
}

export const CHANNEL_GROUPS: readonly ChannelGroupData[] = GROUPS.map(([name, lines]) => ({
  name,
  channels: lines.map(parseChannel),
}));
