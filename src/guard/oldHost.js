/*
 * 旧版 Office 检测（ES5，勿用新语法）。Office 2016/2019 批量许可版在 Internet Explorer 11 中运行加载项，
 * 较早的零售版在 EdgeHTML（旧版 Edge）中运行；React 19 与 ES2020 在这两种引擎里无法运行，任务窗格会是空白。
 * 此脚本在页面其余脚本之前运行，识别这两种引擎，并用中文说明该怎么办。
 */
(function () {
  var ua = (window.navigator && window.navigator.userAgent) || '';
  var ie = !!document.documentMode || /Trident\/|MSIE /.test(ua);
  var edgeHtml = /Edge\/\d+/.test(ua);
  if (!ie && !edgeHtml) return;
  window.__jixiaoOldHost = ie ? 'ie11' : 'edgehtml';
  var engine = ie ? 'Internet Explorer 11' : '旧版 Edge（EdgeHTML）';
  var html =
    '<div role="alert" style="font-family:\'Microsoft YaHei\',sans-serif;padding:16px;line-height:1.6">' +
    '<h2 style="font-size:16px;margin:0 0 8px">绩效自评助手无法在此版本的 Office 中运行</h2>' +
    '<p style="margin:0 0 8px">当前 Excel 使用 ' +
    engine +
    ' 显示加载项，该引擎过旧，无法运行本助手。</p>' +
    '<p style="margin:0 0 4px">可以选择：</p>' +
    '<ol style="margin:0;padding-left:20px">' +
    '<li>将 Office 更新为 Microsoft 365 或 Office 2021 及以上版本；</li>' +
    '<li>使用网页版（web.html，在新版浏览器中打开工作簿）；</li>' +
    '<li>使用命令行工具：jixiao evaluate 工作簿.xlsx。</li>' +
    '</ol></div>';
  function show() {
    var box = document.getElementById('container') || document.body;
    if (box) box.innerHTML = html;
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', show);
  else show();
})();
